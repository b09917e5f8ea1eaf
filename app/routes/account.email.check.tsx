import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CheckEmail } from "#app/components/check-email";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { confirmEmailChange, pendingEmailChange, requestEmailChange } from "#app/services/account.server";
import { codeFailureMessage, codeForm, codeRefusedMessage } from "#app/services/sign-in-forms.server";
import { requireResident } from "#app/web/guards.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";
import { clearEmailChangeCookie, emailChangeCookie, emailChangeToken } from "#app/web/session.server";

export const handle = { titleKey: "signIn:code.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { resident } = await requireResident(request);
  const pending = await pendingEmailChange(emailChangeToken(request), resident.id);
  if (!pending) throw redirect("/account/email");
  return { ...pageTranslations(request, "account", "signIn"), email: pending.email, resent: new URL(request.url).searchParams.get("resent") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { resident } = await requireResident(request);
  const form = await readForm(request);
  const token = emailChangeToken(request);
  if (form.get("intent") === "resend") {
    const pending = await pendingEmailChange(token, resident.id);
    if (!pending) throw redirect("/account/email");
    const sent = await requestEmailChange({ resident, email: pending.email, ip: context.clientIp, language: languageFor(request), replacing: token });
    if (!sent.ok)
      return invalid(
        context,
        { errors: [{ field: "code", message: sent.reason === "same" ? "account:changeEmail.same" : codeRefusedMessage(sent.reason) }], values: {} },
        429,
      );
    return redirect("/account/email/check?resent=1", { headers: { "Set-Cookie": emailChangeCookie(sent.token) } });
  }
  const checked = validateForm(codeForm, form);
  if (!checked.ok) return invalid(context, checked);
  const confirmed = await confirmEmailChange({ resident, token, code: checked.data.code, ip: context.clientIp });
  if (confirmed.ok) return redirect("/account?changed=1", { headers: { "Set-Cookie": clearEmailChangeCookie() } });
  const message = confirmed.reason === "taken" ? "account:changeEmail.taken" : codeFailureMessage(confirmed.reason);
  return invalid(context, { errors: [{ field: "code", message }], values: checked.values }, confirmed.reason === "too-many-from-ip" ? 429 : 400);
}

export default function CheckNewEmail() {
  const { t } = useTranslation();
  const { email, resent } = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>() !== undefined;
  return <CheckEmail email={email} resent={resent && !answered} differentAddressHref="/account/email" caption={t("account:changeEmail.caption")} />;
}
