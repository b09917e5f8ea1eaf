import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { EmailQuestion } from "#app/components/email-question";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { Page } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { returnToQuery, staffPaths } from "#app/paths";
import { STAFF_PROVIDER_SESSION_MINUTES } from "#app/models/staff-session.server";
import { staffProviderConfigured } from "#app/services/staff/provider-sign-in.server";
import { staffSessionState } from "#app/services/staff/session.server";
import { requestStaffCode, staffReturnTo } from "#app/services/staff/sign-in.server";
import { askForCode, sessionEnded } from "#app/web/code-sign-in.server";
import { refusal } from "#app/web/layout.server";
import { staffSignInCookie, staffSignInToken } from "#app/web/session.server";

export const handle = { titleKey: "staff:signIn.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const returnTo = staffReturnTo(url.searchParams.get("returnTo"));
  const state = await staffSessionState(request);
  if (state && "staff" in state) throw redirect(returnTo ?? staffPaths.home);
  const ended = sessionEnded(url);
  const provider = staffProviderConfigured();
  return {
    ...pageTranslations(request, "staff", "signIn"),
    query: returnToQuery(returnTo),
    ended,
    provider,
    ...(provider ? { titleKey: "signIn:choose.title" } : {}),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  // The council's identity provider replaces emailed codes: this page then has no form.
  if (staffProviderConfigured()) throw await refusal(request, 405);
  return askForCode(request, context, {
    send: requestStaffCode,
    replacing: staffSignInToken(request),
    cookie: staffSignInCookie,
    next: staffPaths.checkEmail,
  });
}

/** The staff area's own sign-in: the same answer for every address, listed in ADMIN_EMAILS or not. */
export default function StaffSignIn() {
  const { t } = useTranslation();
  const { query, ended, provider } = useLoaderData<typeof loader>();
  const form = useForm();
  return (
    <Page>
      <FormErrorSummary form={form} />
      {ended && form.errors.length === 0 ? (
        <NotificationBanner titleText={t(`staff:signIn.${ended}Title`)}>
          <p className="govuk-notification-banner__heading">{t(provider && ended === "timedOut" ? "staff:provider.timedOut" : `staff:signIn.${ended}`)}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{t("staff:caption")}</span>
      {provider ? (
        <>
          <h1 className="govuk-heading-l">{t("signIn:choose.title")}</h1>
          <p className="govuk-body">{t("staff:provider.intro")}</p>
          <p className="govuk-body">{t("staff:provider.lifetime", { minutes: STAFF_PROVIDER_SESSION_MINUTES })}</p>
          {/* A link, not a form: the redirect to the provider is then no form submission, which CSP's form-action would hold to this site. */}
          <Button href={`${staffPaths.signIn}/provider${query}`}>{t("staff:provider.button")}</Button>
        </>
      ) : (
        <Form method="post" action={`${staffPaths.signIn}${query}`} noValidate>
          <EmailQuestion form={form} label={t("staff:signIn.title")} hint={t("staff:signIn.hint")} />
          <Button>{t("staff:signIn.continue")}</Button>
        </Form>
      )}
    </Page>
  );
}
