import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StaffProviderFailure } from "#app/components/provider-failure";
import { languageFor } from "#app/i18n/i18n.server";
import { staffPaths } from "#app/paths";
import { PROVIDER_SIGN_IN_MINUTES } from "#app/services/identity/provider-sign-in.server";
import { beginStaffProviderSignIn, staffProviderConfigured } from "#app/services/staff/provider-sign-in.server";
import { staffSessionState } from "#app/services/staff/session.server";
import { staffReturnTo } from "#app/services/staff/sign-in.server";
import { noFormHere, refusal } from "#app/web/layout.server";
import { providerFailurePage } from "#app/web/provider-failure.server";
import { providerSignInCookie } from "#app/web/session.server";

export { noFormHere as action };

/** Off to the council's identity provider by a redirect, or the page saying it cannot be reached. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!staffProviderConfigured()) throw await refusal(request, 404);
  const returnTo = staffReturnTo(new URL(request.url).searchParams.get("returnTo"));
  const state = await staffSessionState(request);
  if (state && "staff" in state) throw redirect(returnTo ?? staffPaths.home);
  const begun = await beginStaffProviderSignIn({ returnTo, language: languageFor(request), ip: context.clientIp });
  if (!begun.ok) return providerFailurePage(request, begun.reason, "staff");
  throw redirect(begun.url, { headers: { "Set-Cookie": providerSignInCookie("staff", begun.token, PROVIDER_SIGN_IN_MINUTES) } });
}

export default function StaffProviderUnavailable() {
  const { failure } = useLoaderData<typeof loader>();
  return <StaffProviderFailure failure={failure} />;
}
