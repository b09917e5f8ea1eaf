/**
 * The one script every page loads, as a module, so only a browser GOV.UK
 * Frontend supports runs it: it starts GOV.UK Frontend's components on the
 * page, and the print buttons. Pages work without it; it only enhances them.
 * `npm run build` writes it to public/assets, importing GOV.UK Frontend's own
 * bundle (app/browser/build.js).
 */
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

for (const Component of [Button, CharacterCount, Checkboxes, ErrorSummary, ExitThisPage, NotificationBanner, Radios, ServiceNavigation, SkipLink]) {
  createAll(Component, undefined, {
    scope: document.body,
    // An element started already refuses a second start, which is expected; anything else is a fault.
    onError: (error) => {
      if (!(error instanceof Error && error.name === "InitError")) console.error(error);
    },
  });
}

// "Print this summary" (app/components/print-button.tsx), hidden by the stylesheet where scripts do not run.
for (const button of document.querySelectorAll(".app-print-button")) button.addEventListener("click", () => window.print());
