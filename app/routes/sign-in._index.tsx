import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldError, FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { ExitThisPage } from "#app/components/govuk/exit-this-page";
import { Input } from "#app/components/govuk/input";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import type { RequestContext } from "#app/entry.server";
import { codeRefusedMessage, emailForm } from "#app/services/sign-in-forms.server";
import { requestCode } from "#app/services/sign-in.server";
import { readForm, validateForm } from "#app/web/form.server";
import { safeReturnTo, signedIn, signInCookie, signInToken, type SessionEnded } from "#app/web/session.server";

export const handle = { titleKey: "signIn:email.title" };

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"));
  if (signedIn(request)) throw redirect(returnTo ?? "/stories");
  const ended: SessionEnded | null = url.searchParams.get("signedOut") === "1" ? "signedOut" : url.searchParams.get("timedOut") === "1" ? "timedOut" : null;
  return { ...pageTranslations(request, "signIn"), returnTo, ended };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const result = validateForm(emailForm, await readForm(request));
  if (!result.ok) return data({ errors: result.errors, values: result.values }, { status: 400 });
  const sent = requestCode({
    email: result.data.email,
    ip: (context as RequestContext).clientIp,
    language: languageFor(request),
    returnTo: new URL(request.url).searchParams.get("returnTo"),
    replacing: signInToken(request),
  });
  if (!sent.ok) {
    return data({ errors: [{ field: "email", message: codeRefusedMessage(sent.reason) }], values: result.values }, { status: 429 });
  }
  return redirect("/sign-in/check-email", { headers: { "Set-Cookie": signInCookie(sent.token) } });
}

export default function EnterEmail() {
  const { t } = useTranslation();
  const { returnTo, ended } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <>
      {/* Someone at risk may be signing in on a shared or watched device: a way out in one press. */}
      <ExitThisPage />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FormErrorSummary errors={errors} t={t} />
          {ended && !errors ? (
            <NotificationBanner titleText={t(`signIn:email.${ended}Title`)}>
              <p className="govuk-notification-banner__heading">{t(`signIn:email.${ended}`)}</p>
            </NotificationBanner>
          ) : null}
          <Form method="post" action={returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : "/sign-in"} noValidate>
            <Input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              spellcheck={false}
              value={String(actionData?.values.email ?? "")}
              label={{ children: t("signIn:email.title"), isPageHeading: true, className: "govuk-label--l" }}
              hint={{ children: t("signIn:email.hint") }}
              errorMessage={fieldError(errors, "email", t)}
            />
            <Button>{t("signIn:email.continue")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
