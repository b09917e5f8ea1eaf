import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { refusal } from "#app/web/layout.server";

/** Any address we do not have: the root error boundary shows the GOV.UK "Page not found" page. */
export async function loader({ request }: LoaderFunctionArgs) {
  throw await refusal(request, 404);
}

// Remix answers a POST here before the root loader runs, so the 404 carries the layout itself, as every refusal does.
export async function action({ request }: ActionFunctionArgs) {
  throw await refusal(request, 404);
}

export default function NotFound() {
  return null;
}
