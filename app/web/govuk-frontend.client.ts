import {
  Button,
  CharacterCount,
  Checkboxes,
  createAll,
  ErrorSummary,
  ExitThisPage,
  NotificationBanner,
  Radios,
  ServiceNavigation,
  SkipLink,
} from "govuk-frontend";

const components = [Button, CharacterCount, Checkboxes, ErrorSummary, ExitThisPage, NotificationBanner, Radios, ServiceNavigation, SkipLink];

/**
 * Starts GOV.UK Frontend's scripts on whatever the page shows now. Called after
 * every navigation; elements started before refuse a second start, which is expected.
 */
export function startGovukFrontend(): void {
  // The classes the page template's inline script gives <body>, given again: React mounts a new
  // <body> when the layout changes to or from its error page (Back to a page no longer open, say),
  // and an inline script in it does not run.
  document.body.classList.add("js-enabled");
  if ("noModule" in HTMLScriptElement.prototype) document.body.classList.add("govuk-frontend-supported");
  for (const Component of components) {
    createAll(Component, undefined, {
      scope: document.body,
      onError: (error) => {
        if (!(error instanceof Error && error.name === "InitError")) console.error(error);
      },
    });
  }
}
