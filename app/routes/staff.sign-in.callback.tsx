import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StaffProviderFailure } from "#app/components/provider-failure";
import { STAFF_PROVIDER_SESSION_MINUTES } from "#app/models/staff-session.server";
import { finishStaffProviderSignIn, staffProviderConfigured } from "#app/services/staff/provider-sign-in.server";
import { noFormHere, refusal } from "#app/web/layout.server";
import { providerFailurePage } from "#app/web/provider-failure.server";
import { clearProviderSignInCookie, providerSignInToken, staffSessionCookie } from "#app/web/session.server";

export { noFormHere as action };

/** Back from the council's identity provider: into the staff area, or a page saying why not. Either way the sign-in's cookie is spent. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!staffProviderConfigured()) throw await refusal(request, 404);
  const headers = new Headers({ "Set-Cookie": clearProviderSignInCookie("staff") });
  const outcome = await finishStaffProviderSignIn({ token: providerSignInToken(request, "staff"), search: new URL(request.url).search });
  if (!outcome.ok) return providerFailurePage(request, outcome.reason, "staff", headers);
  headers.append("Set-Cookie", staffSessionCookie(outcome.sessionToken, STAFF_PROVIDER_SESSION_MINUTES * 60));
  throw redirect(outcome.returnTo, { headers });
}

export default function StaffProviderCallback() {
  const { failure } = useLoaderData<typeof loader>();
  return <StaffProviderFailure failure={failure} />;
}
