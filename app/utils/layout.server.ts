import { data } from "@remix-run/node";
import { languageFor, serviceNames, translationsFor } from "#app/i18n/i18n.server";
import { stylesheetHref } from "./assets.server";
import { env } from "./env.server";
import { signedIn } from "./session.server";

/** What the page layout needs: names, language, the layout's strings, and whether someone is signed in. */
export function layoutData(request: Request) {
  const lang = languageFor(request);
  let isSignedIn = false;
  try {
    isSignedIn = Boolean(signedIn(request));
  } catch {
    // The error page still needs a layout when the database is the problem.
  }
  return {
    lang,
    names: serviceNames(lang),
    contactEmail: env.CONTACT_EMAIL,
    signedIn: isSignedIn,
    stylesheetHref,
    translations: translationsFor(lang, ["common", "govuk"]),
  };
}

export type LayoutData = ReturnType<typeof layoutData>;

/**
 * The action of a page without a form. Remix answers a POST to such a page
 * before any loader runs, so the refusal carries the layout itself.
 */
export function noFormHere({ request }: { request: Request }): never {
  throw data(layoutData(request), { status: 405 });
}
