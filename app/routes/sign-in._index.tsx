import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { EmailQuestion } from "#app/components/email-question";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { ExitThisPage } from "#app/components/govuk/exit-this-page";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { Page } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { codeRefusedMessage, emailForm } from "#app/services/sign-in-forms.server";
import { requestCode } from "#app/services/sign-in.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";
import { safeReturnTo, signedIn, signInCookie, signInToken, type SessionEnded } from "#app/web/session.server";

export const handle = { titleKey: "signIn:email.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"));
  if (await signedIn(request)) throw redirect(returnTo ?? "/stories");
  const ended: SessionEnded | null = url.searchParams.get("signedOut") === "1" ? "signedOut" : url.searchParams.get("timedOut") === "1" ? "timedOut" : null;
  return { ...pageTranslations(request, "signIn"), returnTo, ended };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const result = validateForm(emailForm, await readForm(request));
  if (!result.ok) return invalid(context, result);
  const sent = await requestCode({
    email: result.data.email,
    ip: context.clientIp,
    language: languageFor(request),
    returnTo: new URL(request.url).searchParams.get("returnTo"),
    replacing: signInToken(request),
  });
  if (!sent.ok) {
    return invalid(context, { errors: [{ field: "email", message: codeRefusedMessage(sent.reason) }], values: result.values }, 429);
  }
  return redirect("/sign-in/check-email", { headers: { "Set-Cookie": signInCookie(sent.token) } });
}

export default function EnterEmail() {
  const { t } = useTranslation();
  const { returnTo, ended } = useLoaderData<typeof loader>();
  const form = useForm();
  return (
    <>
      {/* Someone at risk may be signing in on a shared or watched device: a way out in one press. */}
      <ExitThisPage />
      <Page>
        <FormErrorSummary form={form} />
        {ended && form.errors.length === 0 ? (
          <NotificationBanner titleText={t(`signIn:email.${ended}Title`)}>
            <p className="govuk-notification-banner__heading">{t(`signIn:email.${ended}`)}</p>
          </NotificationBanner>
        ) : null}
        <Form method="post" action={returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : "/sign-in"} noValidate>
          <EmailQuestion form={form} label={t("signIn:email.title")} hint={t("signIn:email.hint")} />
          <Button>{t("signIn:email.continue")}</Button>
        </Form>
      </Page>
    </>
  );
}
