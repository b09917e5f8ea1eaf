import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OneLoginFailure } from "#app/components/provider-failure";
import { finishOneLogin, oneLoginOffered } from "#app/services/one-login.server";
import { noFormHere, refusal } from "#app/web/layout.server";
import { fromProvider, providerAnswer } from "#app/web/provider-sign-in.server";
import { sessionCookie } from "#app/web/session.server";

export { noFormHere as action };

/** Back from GOV.UK One Login: signed in and on to where they were going, or a page saying why not. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!oneLoginOffered()) throw await refusal(request, 404);
  const outcome = await finishOneLogin(providerAnswer(request, "one-login", context.clientIp));
  return fromProvider(request, "one-login", outcome, (signed) => ({ sessionCookie: sessionCookie(signed.sessionToken), to: signed.returnTo ?? "/stories" }));
}

export default function OneLoginCallback() {
  const { failure } = useLoaderData<typeof loader>();
  return <OneLoginFailure failure={failure} />;
}
