import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OneLoginFailure } from "#app/components/provider-failure";
import { languageFor } from "#app/i18n/i18n.server";
import { PROVIDER_SIGN_IN_MINUTES } from "#app/services/identity/provider-sign-in.server";
import { beginOneLogin, oneLoginOffered } from "#app/services/one-login.server";
import { noFormHere, refusal } from "#app/web/layout.server";
import { providerFailurePage } from "#app/web/provider-failure.server";
import { providerSignInCookie, safeReturnTo, signedIn } from "#app/web/session.server";

export { noFormHere as action };

/** Off to GOV.UK One Login by a redirect (a link, never a form, so the page's form-action stays this site), or the page saying it cannot be reached. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!oneLoginOffered()) throw await refusal(request, 404);
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  if (await signedIn(request)) throw redirect(returnTo ?? "/stories");
  const begun = await beginOneLogin({ returnTo, language: languageFor(request), ip: context.clientIp });
  if (!begun.ok) return providerFailurePage(request, begun.reason, "signIn");
  throw redirect(begun.url, { headers: { "Set-Cookie": providerSignInCookie("one-login", begun.token, PROVIDER_SIGN_IN_MINUTES) } });
}

export default function OneLoginUnavailable() {
  const { failure } = useLoaderData<typeof loader>();
  return <OneLoginFailure failure={failure} />;
}
