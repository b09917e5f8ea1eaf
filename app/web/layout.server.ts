import { data } from "@remix-run/node";
import { languageFor, serviceNames, translationsFor } from "#app/i18n/i18n.server";
import { scriptSrc, stylesheetHref } from "./assets.server";
import { env } from "#app/config/env.server";
import { signedIn } from "./session.server";

/**
 * What a refusal may tell its page, besides its status: on a 410 for a shared
 * story, the day sharing ended (none when the person stopped it); on a 404 for
 * a page of a shared story, that the story is not open in this browser.
 */
export type ErrorDetail = { endedOn?: string | null; notOpenHere?: boolean };

/** What the page layout needs: names, language, the layout's strings, and whether someone is signed in. */
export async function layoutData(request: Request) {
  const lang = languageFor(request);
  let isSignedIn = false;
  try {
    isSignedIn = Boolean(await signedIn(request));
  } catch {
    // The error page still needs a layout when the database is the problem.
  }
  return {
    lang,
    names: serviceNames(lang),
    contactEmail: env.CONTACT_EMAIL,
    signedIn: isSignedIn,
    stylesheetHref,
    scriptSrc,
    translations: translationsFor(lang, ["common", "govuk"]),
  };
}

export type LayoutData = Awaited<ReturnType<typeof layoutData>>;

/**
 * A refusal to throw from a loader or an action, shown as a whole page. After
 * a form is posted the layout's own loader does not run, so the refusal
 * carries the layout itself (in the reader's language), with any `detail` the
 * error page needs.
 */
export async function refusal(request: Request, status: number, detail: Record<string, unknown> = {}) {
  const refused = data({ ...(await layoutData(request)), ...detail }, { status });
  refusedStatus.set(refused, status);
  return refused;
}

/** Each refusal made, with its status, for `fileRoute` to tell one from anything else thrown. */
const refusedStatus = new WeakMap<object, number>();

/**
 * A loader or action of a file rather than a page (a resource route, such as
 * the consent receipt's JSON): it has no error page, and Remix would log a
 * refusal thrown from it as a server error, so a refusal is answered with its
 * status alone.
 */
export function fileRoute<Args>(handler: (args: Args) => Promise<Response>): (args: Args) => Promise<Response> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (thrown) {
      const status = thrown instanceof Object ? refusedStatus.get(thrown) : undefined;
      if (status) return new Response(null, { status, headers: { "Cache-Control": "no-store" } });
      throw thrown;
    }
  };
}

/** The action of a page without a form. */
export async function noFormHere({ request }: { request: Request }): Promise<never> {
  throw await refusal(request, 405);
}
