import type { LoaderFunctionArgs } from "@remix-run/node";
import { consentRecordsOf } from "#app/models/consent.server";
import { consentReceipt } from "#app/services/sharing/receipt.server";
import { requireOwnShare, requireStory, storyPageTakesNoForm } from "#app/web/guards.server";
import { fileRoute } from "#app/web/layout.server";

/** The receipt as a file to keep (Kantara / ISO/IEC 27560 field names). */
export const loader = fileRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const { story } = await requireStory(request, params.storyId);
  const found = await requireOwnShare(request, story, params.shareId);
  const receipt = consentReceipt(found, await consentRecordsOf(found.share.id), new Date());
  return new Response(`${JSON.stringify(receipt, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="consent-receipt-${found.share.id}.json"`,
    },
  });
});

export const action = fileRoute(storyPageTakesNoForm);
