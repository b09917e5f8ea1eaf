import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CheckEmail } from "#app/components/check-email";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { codeFailureMessage, codeForm, codeRefusedMessage } from "#app/services/sign-in-forms.server";
import { pendingStaffSignIn, requestStaffCode, STAFF_COOKIE_SECONDS, verifyStaffCode } from "#app/services/staff/sign-in.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";
import { clearStaffSignInCookie, staffSessionCookie, staffSignInCookie, staffSignInToken } from "#app/web/session.server";

export const handle = { titleKey: "signIn:code.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await pendingStaffSignIn(staffSignInToken(request));
  if (!pending) throw redirect(staffPaths.signIn);
  return { ...pageTranslations(request, "staff", "signIn"), email: pending.email, resent: new URL(request.url).searchParams.get("resent") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const ip = context.clientIp;
  const token = staffSignInToken(request);

  if (form.get("intent") === "resend") {
    const pending = await pendingStaffSignIn(token);
    if (!pending) throw redirect(staffPaths.signIn);
    const sent = await requestStaffCode({ email: pending.email, ip, language: languageFor(request), returnTo: pending.returnTo, replacing: token });
    if (!sent.ok) return invalid(context, { errors: [{ field: "code", message: codeRefusedMessage(sent.reason) }], values: {} }, 429);
    // Redirected, so the page is loaded with the new cookie: this request's names the code just replaced.
    return redirect(`${staffPaths.checkEmail}?resent=1`, { headers: { "Set-Cookie": staffSignInCookie(sent.token) } });
  }

  const result = validateForm(codeForm, form);
  if (!result.ok) return invalid(context, result);
  const verified = await verifyStaffCode({ token, code: result.data.code, ip });
  if (!verified.ok) {
    const status = verified.reason === "too-many-from-ip" ? 429 : 400;
    return invalid(context, { errors: [{ field: "code", message: codeFailureMessage(verified.reason) }], values: result.values }, status);
  }
  const headers = new Headers();
  headers.append("Set-Cookie", staffSessionCookie(verified.sessionToken, STAFF_COOKIE_SECONDS));
  headers.append("Set-Cookie", clearStaffSignInCookie());
  return redirect(verified.returnTo, { headers });
}

export default function StaffCheckEmail() {
  const { t } = useTranslation();
  const { email, resent } = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>() !== undefined;
  return <CheckEmail email={email} resent={resent && !answered} differentAddressHref={staffPaths.signIn} caption={t("staff:caption")} />;
}
