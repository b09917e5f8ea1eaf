import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StaffProviderFailure } from "#app/components/provider-failure";
import { languageFor } from "#app/i18n/i18n.server";
import { staffPaths } from "#app/paths";
import { beginStaffProviderSignIn, staffProviderConfigured } from "#app/services/staff/provider-sign-in.server";
import { staffSessionState } from "#app/services/staff/session.server";
import { staffReturnTo } from "#app/services/staff/sign-in.server";
import { noFormHere, refusal } from "#app/web/layout.server";
import { toProvider } from "#app/web/provider-sign-in.server";

export { noFormHere as action };

/** Off to the council's identity provider, or the page saying it cannot be reached. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!staffProviderConfigured()) throw await refusal(request, 404);
  const returnTo = staffReturnTo(new URL(request.url).searchParams.get("returnTo"));
  const state = await staffSessionState(request);
  if (state && "staff" in state) throw redirect(returnTo ?? staffPaths.home);
  return toProvider(request, "staff", () => beginStaffProviderSignIn({ returnTo, language: languageFor(request), ip: context.clientIp }));
}

export default function StaffProviderUnavailable() {
  const { failure } = useLoaderData<typeof loader>();
  return <StaffProviderFailure failure={failure} />;
}
