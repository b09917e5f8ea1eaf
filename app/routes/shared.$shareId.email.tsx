import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldError, FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { Input } from "#app/components/govuk/input";
import { useMarkParts } from "#app/components/language-of-parts";
import type { RequestContext } from "#app/entry.server";
import { languageFor, pageTranslations, serverT } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { agencyName } from "#app/models/agency.server";
import { sharedStoryPath } from "#app/paths";
import { requireSharedAccess } from "#app/web/guards.server";
import { requestAccessCode } from "#app/services/sharing/shared-story.server";
import { workEmailForm } from "#app/services/sharing/shared-story-forms.server";
import { codeRefusedMessage } from "#app/services/sign-in-forms.server";
import { readForm, validateForm } from "#app/web/form.server";

export const handle = { titleKey: "shared:email.title" };

export function loader({ request, params }: LoaderFunctionArgs) {
  const found = requireSharedAccess(request, params.shareId, languageFor(request));
  if (found.state === "verified") throw redirect(sharedStoryPath(found.share.id, "summary"));
  return { ...pageTranslations(request, "shared", "signIn"), agency: agencyName(found.agency, found.lang) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const found = requireSharedAccess(request, params.shareId, languageFor(request));
  const result = validateForm(workEmailForm, await readForm(request));
  if (!result.ok) return data({ errors: result.errors, values: result.values }, { status: 400 });
  const sent = requestAccessCode(found, result.data.email, (context as RequestContext).clientIp);
  if (!sent.ok) {
    if (sent.reason !== "wrong-domain") {
      return data({ errors: [{ field: "email", message: codeRefusedMessage(sent.reason) }], values: result.values }, { status: 429 });
    }
    const t = serverT(found.lang, "shared");
    const domains = found.agency.domains.map((domain) => `@${domain}`).join(` ${t("shared:or")} `);
    const error = { field: "email", message: "shared:errors.email.wrongDomain", params: { agency: agencyName(found.agency, found.lang).text, domains } };
    return data({ errors: [error], values: result.values }, { status: 400 });
  }
  return redirect(sharedStoryPath(found.share.id, "code"));
}

export default function WorkEmail() {
  const { t } = useTranslation();
  const { agency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const mark = useMarkParts();
  const error = fieldError(errors, "email", t);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} t={t} parts={[agency]} />
        <span className="govuk-caption-l">{mark(t("shared:caption", { agency: agency.text }), agency)}</span>
        <Form method="post" noValidate>
          <Input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            spellcheck={false}
            value={String(actionData?.values.email ?? "")}
            label={{ children: t("shared:email.title"), isPageHeading: true, className: "govuk-label--l" }}
            hint={{ children: mark(t("shared:email.hint", { agency: agency.text }), agency) }}
            errorMessage={error && { children: mark(error.children, agency) }}
          />
          <Button>{t("shared:email.continue")}</Button>
        </Form>
      </div>
    </div>
  );
}
