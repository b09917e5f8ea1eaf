import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { EmailQuestion } from "#app/components/email-question";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { ExitThisPage } from "#app/components/govuk/exit-this-page";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { Page } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { returnToQuery } from "#app/paths";
import { oneLoginOffered } from "#app/services/one-login.server";
import { requestCode } from "#app/services/sign-in.server";
import { askForCode, sessionEnded } from "#app/web/code-sign-in.server";
import { safeReturnTo, signedIn, signInCookie, signInToken } from "#app/web/session.server";

export const handle = { titleKey: "signIn:email.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"));
  if (await signedIn(request)) throw redirect(returnTo ?? "/stories");
  const ended = sessionEnded(url);
  const oneLogin = oneLoginOffered();
  return { ...pageTranslations(request, "signIn"), query: returnToQuery(returnTo), ended, oneLogin, ...(oneLogin ? { titleKey: "signIn:choose.title" } : {}) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return askForCode(request, context, { send: requestCode, replacing: signInToken(request), cookie: signInCookie, next: "/sign-in/check-email" });
}

export default function EnterEmail() {
  const { t } = useTranslation();
  const { query, ended, oneLogin } = useLoaderData<typeof loader>();
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
            place={oneLogin ? "part" : "page"}
          />
          <Button>{t("signIn:email.continue")}</Button>
        </Form>
      </Page>
    </>
  );
}
