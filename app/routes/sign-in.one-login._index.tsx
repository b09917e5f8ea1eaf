import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OneLoginFailure } from "#app/components/provider-failure";
import { languageFor } from "#app/i18n/i18n.server";
import { beginOneLogin, oneLoginOffered } from "#app/services/one-login.server";
import { noFormHere, refusal } from "#app/web/layout.server";
import { toProvider } from "#app/web/provider-sign-in.server";
import { safeReturnTo, signedIn } from "#app/web/session.server";

export { noFormHere as action };

/** Off to GOV.UK One Login, or the page saying it cannot be reached. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!oneLoginOffered()) throw await refusal(request, 404);
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  if (await signedIn(request)) throw redirect(returnTo ?? "/stories");
  return toProvider(request, "one-login", () => beginOneLogin({ returnTo, language: languageFor(request), ip: context.clientIp }));
}

export default function OneLoginUnavailable() {
  const { failure } = useLoaderData<typeof loader>();
  return <OneLoginFailure failure={failure} />;
}
