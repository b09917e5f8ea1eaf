import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { EmailQuestion } from "#app/components/email-question";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { useMarkParts } from "#app/components/language-of-parts";
import { Page } from "#app/components/story-page";
import { languageFor, pageTranslations, serverT } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { agencyName } from "#app/models/agency.server";
import { sharedStoryPath } from "#app/paths";
import { requireSharedAccess } from "#app/web/guards.server";
import { requestAccessCode } from "#app/services/sharing/shared-story.server";
import { workEmailForm } from "#app/services/sharing/shared-story-forms.server";
import { codeRefusedMessage } from "#app/services/sign-in-forms.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";

export const handle = { titleKey: "shared:email.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireSharedAccess(request, params.shareId, languageFor(request));
  if (found.state === "verified") throw redirect(sharedStoryPath(found.share.id, "summary"));
  return { ...pageTranslations(request, "shared", "signIn"), agency: agencyName(found.agency, found.lang) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const found = await requireSharedAccess(request, params.shareId, languageFor(request));
  const result = validateForm(workEmailForm, await readForm(request));
  if (!result.ok) return invalid(context, result);
  const sent = await requestAccessCode(found, result.data.email, context.clientIp);
  if (!sent.ok) {
    if (sent.reason !== "wrong-domain") {
      return invalid(context, { errors: [{ field: "email", message: codeRefusedMessage(sent.reason) }], values: result.values }, 429);
    }
    const t = serverT(found.lang, "shared");
    const domains = found.agency.domains.map((domain) => `@${domain}`).join(` ${t("shared:or")} `);
    // An agency that lists single addresses only (it shares its domain with others) has no domain to name.
    const message = domains ? "shared:errors.email.wrongDomain" : "shared:errors.email.notListed";
    const error = { field: "email", message, params: { agency: agencyName(found.agency, found.lang).text, domains } };
    return invalid(context, { errors: [error], values: result.values });
  }
  return redirect(sharedStoryPath(found.share.id, "code"));
}

export default function WorkEmail() {
  const { t } = useTranslation();
  const { agency } = useLoaderData<typeof loader>();
  const form = useForm({}, { parts: [agency] });
  const mark = useMarkParts();
  return (
    <Page>
      <FormErrorSummary form={form} />
      <span className="govuk-caption-l">{mark(t("shared:caption", { agency: agency.text }), agency)}</span>
      <Form method="post" noValidate>
        <EmailQuestion form={form} label={t("shared:email.title")} hint={mark(t("shared:email.hint", { agency: agency.text }), agency)} />
        <Button>{t("shared:email.continue")}</Button>
      </Form>
    </Page>
  );
}
