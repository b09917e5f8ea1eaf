import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CheckEmail } from "#app/components/check-email";
import { ExitThisPage } from "#app/components/govuk/exit-this-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { codeFailureMessage, codeForm, codeRefusedMessage } from "#app/services/sign-in-forms.server";
import { pendingSignIn, requestCode, verifyCode } from "#app/services/sign-in.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";
import { clearSignInCookie, sessionCookie, signInCookie, signInToken } from "#app/web/session.server";

export const handle = { titleKey: "signIn:code.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await pendingSignIn(signInToken(request), { evenIfExpired: true });
  if (!pending) throw redirect("/sign-in");
  return { ...pageTranslations(request, "signIn"), email: pending.email, resent: new URL(request.url).searchParams.get("resent") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const ip = context.clientIp;
  const token = signInToken(request);

  if (form.get("intent") === "resend") {
    const pending = await pendingSignIn(token, { evenIfExpired: true });
    if (!pending) throw redirect("/sign-in");
    const sent = await requestCode({ email: pending.email, ip, language: languageFor(request), returnTo: pending.returnTo, replacing: token });
    if (!sent.ok) {
      return invalid(context, { errors: [{ field: "code", message: codeRefusedMessage(sent.reason) }], values: {} }, 429);
    }
    // Redirected, so the page is loaded with the new cookie: this request's cookie names the code just replaced.
    return redirect("/sign-in/check-email?resent=1", { headers: { "Set-Cookie": signInCookie(sent.token) } });
  }

  const result = validateForm(codeForm, form);
  if (!result.ok) return invalid(context, result);
  const verified = await verifyCode({ token, code: result.data.code, ip, language: languageFor(request) });
  if (!verified.ok) {
    const status = verified.reason === "too-many-from-ip" ? 429 : 400;
    return invalid(context, { errors: [{ field: "code", message: codeFailureMessage(verified.reason) }], values: result.values }, status);
  }
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(verified.sessionToken));
  headers.append("Set-Cookie", clearSignInCookie());
  return redirect(verified.returnTo ?? "/stories", { headers });
}

export default function CheckEmailPage() {
  const { email, resent } = useLoaderData<typeof loader>();
  // Once the code has been tried, what its answer says takes the place of "a new code was sent".
  const answered = useActionData<typeof action>() !== undefined;
  // As on the page before: the resident may be signing in where someone can see.
  return (
    <>
      <ExitThisPage />
      <CheckEmail email={email} resent={resent && !answered} differentAddressHref="/sign-in" />
    </>
  );
}
