import { Button, CharacterCount, Checkboxes, createAll, ErrorSummary, ExitThisPage, NotificationBanner, Radios, ServiceNavigation, SkipLink } from "govuk-frontend";

const components = [Button, CharacterCount, Checkboxes, ErrorSummary, ExitThisPage, NotificationBanner, Radios, ServiceNavigation, SkipLink];

/**
 * Starts GOV.UK Frontend's scripts on whatever the page shows now. Called after
 * every navigation; elements started before refuse a second start, which is expected.
 */
export function startGovukFrontend(): void {
  for (const Component of components) {
    createAll(Component, undefined, {
      scope: document.body,
      onError: (error) => {
        if (!(error instanceof Error && error.name === "InitError")) console.error(error);
      },
    });
  }
}
