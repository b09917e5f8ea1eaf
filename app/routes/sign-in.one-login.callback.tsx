import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OneLoginFailure } from "#app/components/provider-failure";
import { finishOneLogin, oneLoginOffered } from "#app/services/one-login.server";
import { noFormHere, refusal } from "#app/web/layout.server";
import { providerFailurePage } from "#app/web/provider-failure.server";
import { clearProviderSignInCookie, providerSignInToken, sessionCookie } from "#app/web/session.server";

export { noFormHere as action };

/** Back from GOV.UK One Login: signed in and on to where they were going, or a page saying why not. Either way the sign-in's cookie is spent. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!oneLoginOffered()) throw await refusal(request, 404);
  const headers = new Headers({ "Set-Cookie": clearProviderSignInCookie("one-login") });
  const outcome = await finishOneLogin({ token: providerSignInToken(request, "one-login"), search: new URL(request.url).search });
  if (!outcome.ok) return providerFailurePage(request, outcome.reason, "signIn", headers);
  headers.append("Set-Cookie", sessionCookie(outcome.sessionToken));
  throw redirect(outcome.returnTo ?? "/stories", { headers });
}

export default function OneLoginCallback() {
  const { failure } = useLoaderData<typeof loader>();
  return <OneLoginFailure failure={failure} />;
}
