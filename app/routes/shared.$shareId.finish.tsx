import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { languageFor } from "#app/i18n/i18n.server";
import { sharedStoryPath } from "#app/paths";
import { requireSharedAccess } from "#app/web/guards.server";
import { finishReading } from "#app/services/sharing/shared-story.server";
import { clearShareAccessCookie } from "#app/web/session.server";

/** Finishing is a POST from the summary; someone who arrives here by address goes back to it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireSharedAccess(request, params.shareId, languageFor(request));
  throw redirect(sharedStoryPath(found.share.id, "summary"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await requireSharedAccess(request, params.shareId, languageFor(request));
  await finishReading(found);
  throw redirect("/shared/finished", { headers: { "Set-Cookie": clearShareAccessCookie(found.share.id) } });
}

export default function Finish() {
  return null;
}
