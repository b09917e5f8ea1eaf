import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { EmailQuestion } from "#app/components/email-question";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { Page } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { codeRefusedMessage, emailForm } from "#app/services/sign-in-forms.server";
import { STAFF_PROVIDER_SESSION_MINUTES } from "#app/models/staff-session.server";
import { staffProviderConfigured } from "#app/services/staff/provider-sign-in.server";
import { staffSessionState, type StaffSessionEnded } from "#app/services/staff/session.server";
import { requestStaffCode, staffReturnTo } from "#app/services/staff/sign-in.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";
import { refusal } from "#app/web/layout.server";
import { staffSignInCookie, staffSignInToken } from "#app/web/session.server";

export const handle = { titleKey: "staff:signIn.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const returnTo = staffReturnTo(url.searchParams.get("returnTo"));
  const state = await staffSessionState(request);
  if (state && "staff" in state) throw redirect(returnTo ?? staffPaths.home);
  const ended: StaffSessionEnded | null =
    url.searchParams.get("signedOut") === "1" ? "signedOut" : url.searchParams.get("timedOut") === "1" ? "timedOut" : null;
  const provider = staffProviderConfigured();
  return { ...pageTranslations(request, "staff", "signIn"), returnTo, ended, provider, ...(provider ? { titleKey: "signIn:choose.title" } : {}) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  // The council's identity provider replaces emailed codes: this page then has no form.
  if (staffProviderConfigured()) throw await refusal(request, 405);
  const result = validateForm(emailForm, await readForm(request));
  if (!result.ok) return invalid(context, result);
  const sent = await requestStaffCode({
    email: result.data.email,
    ip: context.clientIp,
    language: languageFor(request),
    returnTo: new URL(request.url).searchParams.get("returnTo"),
    replacing: staffSignInToken(request),
  });
  if (!sent.ok) return invalid(context, { errors: [{ field: "email", message: codeRefusedMessage(sent.reason) }], values: result.values }, 429);
  return redirect(staffPaths.checkEmail, { headers: { "Set-Cookie": staffSignInCookie(sent.token) } });
}

/** The staff area's own sign-in: the same answer for every address, listed in ADMIN_EMAILS or not. */
export default function StaffSignIn() {
  const { t } = useTranslation();
  const { returnTo, ended, provider } = useLoaderData<typeof loader>();
  const form = useForm();
  const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : "";
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
