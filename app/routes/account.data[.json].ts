import type { LoaderFunctionArgs } from "@remix-run/node";
import { accountData } from "#app/services/account-data.server";
import { requireResident, residentPageTakesNoForm } from "#app/web/guards.server";
import { fileRoute } from "#app/web/layout.server";

/** Everything held about the account, as a file to keep or take to another service (its shape: the README's "Your account"). */
export const loader = fileRoute(async ({ request }: LoaderFunctionArgs) => {
  const { resident } = await requireResident(request);
  const now = new Date();
  return new Response(`${JSON.stringify(await accountData(resident.id, now), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="tell-it-once-data-${now.toISOString().slice(0, 10)}.json"`,
    },
  });
});

export const action = fileRoute(residentPageTakesNoForm);
