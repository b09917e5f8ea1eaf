import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { EmailQuestion } from "#app/components/email-question";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { Page } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { requestEmailChange } from "#app/services/account.server";
import { codeRefusedMessage, emailForm } from "#app/services/sign-in-forms.server";
import { requireResident } from "#app/web/guards.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";
import { emailChangeCookie, emailChangeToken } from "#app/web/session.server";

export const handle = { titleKey: "account:changeEmail.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireResident(request);
  return pageTranslations(request, "account", "signIn");
}

/** Sends a code to the new address; the address changes only once the code is entered (account.email.check). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { resident } = await requireResident(request);
  const checked = validateForm(emailForm, await readForm(request));
  if (!checked.ok) return invalid(context, checked);
  const sent = await requestEmailChange({
    resident,
    email: checked.data.email,
    ip: context.clientIp,
    language: languageFor(request),
    replacing: emailChangeToken(request),
  });
  if (sent.ok) return redirect("/account/email/check", { headers: { "Set-Cookie": emailChangeCookie(sent.token) } });
  const message = sent.reason === "same" ? "account:changeEmail.same" : codeRefusedMessage(sent.reason);
  return invalid(context, { errors: [{ field: "email", message }], values: checked.values }, sent.reason === "same" ? 400 : 429);
}

export default function ChangeEmail() {
  const { t } = useTranslation();
  const form = useForm();
  return (
    <Page>
      <FormErrorSummary form={form} />
      <h1 className="govuk-heading-l">{t("account:changeEmail.title")}</h1>
      <p className="govuk-body">{t("account:changeEmail.intro")}</p>
      <Form method="post" noValidate>
        <EmailQuestion form={form} place="form" label={t("account:changeEmail.label")} hint={t("account:changeEmail.hint")} />
        <Button preventDoubleClick>{t("account:changeEmail.button")}</Button>
      </Form>
    </Page>
  );
}
