import { data, type ActionFunctionArgs } from "@remix-run/node";
import { layoutData } from "#app/web/layout.server";

/** Any address we do not have: the root error boundary shows the GOV.UK "Page not found" page. */
export function loader() {
  throw new Response(null, { status: 404 });
}

// Remix answers a POST here before the root loader runs, so the 404 carries the layout itself.
export function action({ request }: ActionFunctionArgs) {
  throw data(layoutData(request), { status: 404 });
}

export default function NotFound() {
  return null;
}
