/** Any address we do not have: the root error boundary shows the GOV.UK "Page not found" page. */
export function loader() {
  throw new Response(null, { status: 404 });
}

export function action() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
