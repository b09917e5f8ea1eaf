import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StaffProviderFailure } from "#app/components/provider-failure";
import { STAFF_PROVIDER_SESSION_MINUTES } from "#app/models/staff-session.server";
import { finishStaffProviderSignIn, staffProviderConfigured } from "#app/services/staff/provider-sign-in.server";
import { noFormHere, refusal } from "#app/web/layout.server";
import { fromProvider, providerAnswer } from "#app/web/provider-sign-in.server";
import { staffSessionCookie } from "#app/web/session.server";

export { noFormHere as action };

/** Back from the council's identity provider: into the staff area, or a page saying why not. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!staffProviderConfigured()) throw await refusal(request, 404);
  const outcome = await finishStaffProviderSignIn(providerAnswer(request, "staff", context.clientIp));
  return fromProvider(request, "staff", outcome, (signed) => ({
    sessionCookie: staffSessionCookie(signed.sessionToken, STAFF_PROVIDER_SESSION_MINUTES * 60),
    to: signed.returnTo,
  }));
}

export default function StaffProviderCallback() {
  const { failure } = useLoaderData<typeof loader>();
  return <StaffProviderFailure failure={failure} />;
}
