import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { languageFor } from "#app/i18n/i18n.server";
import { openSharedLink } from "#app/services/sharing/shared-story.server";
import { noFormHere, refusal } from "#app/web/layout.server";

/**
 * The link emailed to an agency. It never shows a page of its own: it is
 * exchanged for a cookie and left behind (see openSharedLink), or the layout
 * answers with its 404, 410 or 429 page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { refusal: refused, clientIp } = context;
  // A refused cross-site or oversized POST arrives here as a GET; the layout answers it, and the link is not opened.
  if (refused) throw await refusal(request, refused);
  const outcome = await openSharedLink(request, params.token, clientIp, languageFor(request));
  if ("gone" in outcome) throw await refusal(request, 410, outcome.gone);
  if ("refused" in outcome) throw await refusal(request, outcome.refused);
  throw redirect(outcome.redirectTo, outcome.cookie ? { headers: { "Set-Cookie": outcome.cookie } } : undefined);
}

export const action = noFormHere;

export default function SharedLink() {
  return null;
}
