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
import { oneLoginOffered } from "#app/services/one-login.server";
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
  const oneLogin = oneLoginOffered();
  return { ...pageTranslations(request, "signIn"), returnTo, ended, oneLogin, ...(oneLogin ? { titleKey: "signIn:choose.title" } : {}) };
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
  const { returnTo, ended, oneLogin } = useLoaderData<typeof loader>();
  const form = useForm();
  const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : "";
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
        {oneLogin ? (
          <>
            <h1 className="govuk-heading-l">{t("signIn:choose.title")}</h1>
            <p className="govuk-body">{t("signIn:choose.intro")}</p>
            <h2 className="govuk-heading-m">{t("signIn:choose.oneLoginHeading")}</h2>
            <p className="govuk-body">{t("signIn:choose.oneLoginBody")}</p>
            {/* A link, not a form: the redirect to One Login is then no form submission, which CSP's form-action would hold to this site. */}
            <Button href={`/sign-in/one-login${query}`}>{t("signIn:choose.oneLoginButton")}</Button>
            <h2 className="govuk-heading-m">{t("signIn:choose.emailHeading")}</h2>
          </>
        ) : null}
        <Form method="post" action={`/sign-in${query}`} noValidate>
          <EmailQuestion
            form={form}
            label={t(oneLogin ? "signIn:choose.emailLabel" : "signIn:email.title")}
            hint={t("signIn:email.hint")}
            underHeading={oneLogin}
          />
          <Button>{t("signIn:email.continue")}</Button>
        </Form>
      </Page>
    </>
  );
}
