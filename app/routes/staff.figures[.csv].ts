import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { languageFor } from "#app/i18n/i18n.server";
import { staffPaths } from "#app/paths";
import { figuresCsv } from "#app/services/staff/figures.server";
import { requireStaff } from "#app/web/guards.server";
import { fileRoute } from "#app/web/layout.server";

/** The download is a POST (audited, like every staff action); an address typed or followed goes to the figures page. */
export function loader() {
  return redirect(staffPaths.figures);
}

/** Every month's figures as a CSV file the browser saves. */
export const action = fileRoute(async ({ request }: ActionFunctionArgs) => {
  const { staff } = await requireStaff(request);
  const { csv, filename } = await figuresCsv(languageFor(request), staff);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
