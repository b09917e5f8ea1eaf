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
import { sharedStoryPath } from "#app/models/share-choices";
import { pendingAccessEmail, requestAccessCode, requireSharedAccess, verifyAccessCode } from "#app/services/shared-story.server";
import { codeFailureMessage, codeForm, codeRefusedMessage } from "#app/services/sign-in-forms.server";
import { readForm, validateForm, type FormValues } from "#app/utils/form.server";

export const handle = { titleKey: "signIn:code.title" };

const noValues: FormValues = {};

/** This browser's access, with the address a code is waiting for; without one, back to the address page. */
function requirePendingCode(request: Request, shareId: string | undefined) {
  const found = requireSharedAccess(request, shareId, languageFor(request));
  if (found.state === "verified") throw redirect(sharedStoryPath(found.share.id, "summary"));
  const email = pendingAccessEmail(found);
  if (!email) throw redirect(sharedStoryPath(found.share.id, "email"));
  return { found, email };
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const { found, email } = requirePendingCode(request, params.shareId);
  return { ...pageTranslations(request, "shared", "signIn"), email, agency: found.agency.name, shareId: found.share.id };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { found, email } = requirePendingCode(request, params.shareId);
  const form = await readForm(request);
  const ip = (context as RequestContext).clientIp;

  if (form.get("intent") === "resend") {
    const sent = requestAccessCode(found, email, ip);
    if (!sent.ok) {
      // The agency's domains may have changed since the first code: ask for the address again.
      if (sent.reason === "wrong-domain") throw redirect(sharedStoryPath(found.share.id, "email"));
      return data({ errors: [{ field: "code", message: codeRefusedMessage(sent.reason) }], values: noValues, resent: false }, { status: 429 });
    }
    return { errors: undefined, values: noValues, resent: true };
  }

  const result = validateForm(codeForm, form);
  if (!result.ok) return data({ errors: result.errors, values: result.values, resent: false }, { status: 400 });
  const verified = verifyAccessCode(found, result.data.code, ip);
  if (!verified.ok) {
    const status = verified.reason === "too-many-from-ip" ? 429 : 400;
    return data({ errors: [{ field: "code", message: codeFailureMessage(verified.reason) }], values: result.values, resent: false }, { status });
  }
  return redirect(sharedStoryPath(found.share.id, "summary"), { headers: { "Set-Cookie": verified.cookie } });
}

export default function CheckWorkEmail() {
  const { t } = useTranslation();
  const { email, agency, shareId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} t={t} />
        {actionData?.resent ? <NotificationBanner type="success">{t("signIn:code.resent", { email })}</NotificationBanner> : null}
        <span className="govuk-caption-l">{t("shared:caption", { agency })}</span>
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
            <a className="govuk-link" href={sharedStoryPath(shareId, "email")}>
              {t("signIn:code.differentAddress")}
            </a>
          </p>
        </Details>
      </div>
    </div>
  );
}
