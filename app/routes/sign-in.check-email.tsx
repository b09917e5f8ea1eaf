import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldError, FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { Details } from "#app/components/govuk/details";
import { Input } from "#app/components/govuk/input";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import type { RequestContext } from "#app/entry.server";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { codeFailureMessage, codeForm, codeRefusedMessage } from "#app/services/sign-in-forms.server";
import { pendingSignIn, requestCode, verifyCode } from "#app/services/sign-in.server";
import { readForm, validateForm, type FormValues } from "#app/utils/form.server";
import { clearSignInCookie, sessionCookie, signInCookie, signInToken } from "#app/utils/session.server";

export const handle = { titleKey: "signIn:code.title" };

const noValues: FormValues = {};

export function loader({ request }: LoaderFunctionArgs) {
  const pending = pendingSignIn(signInToken(request), { evenIfExpired: true });
  if (!pending) throw redirect("/sign-in");
  return { ...pageTranslations(request, "signIn"), email: pending.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const ip = (context as RequestContext).clientIp;
  const token = signInToken(request);

  if (form.get("intent") === "resend") {
    const pending = pendingSignIn(token, { evenIfExpired: true });
    if (!pending) throw redirect("/sign-in");
    const sent = requestCode({ email: pending.email, ip, language: languageFor(request), returnTo: pending.returnTo });
    if (!sent.ok) {
      return data({ errors: [{ field: "code", message: codeRefusedMessage(sent.reason) }], values: noValues, resent: false }, { status: 429 });
    }
    return data({ errors: undefined, values: noValues, resent: true }, { headers: { "Set-Cookie": signInCookie(sent.token) } });
  }

  const result = validateForm(codeForm, form);
  if (!result.ok) return data({ errors: result.errors, values: result.values, resent: false }, { status: 400 });
  const verified = verifyCode({ token, code: result.data.code, ip, language: languageFor(request) });
  if (!verified.ok) {
    const status = verified.reason === "too-many-from-ip" ? 429 : 400;
    return data({ errors: [{ field: "code", message: codeFailureMessage(verified.reason) }], values: result.values, resent: false }, { status });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(verified.sessionToken));
  headers.append("Set-Cookie", clearSignInCookie());
  return redirect(verified.returnTo ?? "/stories", { headers });
}

export default function CheckEmail() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} t={t} />
        {actionData?.resent ? (
          <NotificationBanner type="success">{t("signIn:code.resent", { email })}</NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">{t("signIn:code.title")}</h1>
        <p className="govuk-body">{t("signIn:code.sent", { email })}</p>
        <p className="govuk-body">{t("signIn:code.expires")}</p>
        <Form method="post" noValidate>
          <Input
            id="code"
            name="code"
            className="govuk-input--width-5 govuk-input--extra-letter-spacing"
            inputmode="numeric"
            autocomplete="one-time-code"
            spellcheck={false}
            value={String(actionData?.values.code ?? "")}
            label={{ children: t("signIn:code.label"), className: "govuk-label--m" }}
            hint={{ children: t("signIn:code.hint") }}
            errorMessage={fieldError(errors, "code", t)}
          />
          <Button>{t("signIn:code.continue")}</Button>
        </Form>
        <Details summaryText={t("signIn:code.notReceived")}>
          <p className="govuk-body">{t("signIn:code.notReceivedBody")}</p>
          <Form method="post">
            <Button className="govuk-button--secondary" name="intent" value="resend">
              {t("signIn:code.sendNew")}
            </Button>
          </Form>
          <p className="govuk-body">
            <a className="govuk-link" href="/sign-in">
              {t("signIn:code.differentAddress")}
            </a>
          </p>
        </Details>
      </div>
    </div>
  );
}
