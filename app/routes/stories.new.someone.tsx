import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { DateInput } from "#app/components/govuk/date-input";
import { Input } from "#app/components/govuk/input";
import { Radios } from "#app/components/govuk/radios";
import { Textarea } from "#app/components/govuk/textarea";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { BASES, DATE_OF_BIRTH } from "#app/models/subject";
import { storyPath } from "#app/paths";
import { startStoryFor } from "#app/services/story.server";
import { someoneValues, validateSomeone } from "#app/services/subject-forms.server";
import { requireResident } from "#app/web/guards.server";
import { DATE_PARTS, dateErrorParts } from "#app/web/form";
import { invalid, readForm } from "#app/web/form.server";
import { UUID } from "#app/lib/uuid";

export const handle = { titleKey: "story:someone.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireResident(request);
  // The id the story will have: the same form sent twice (a double tap without JavaScript) makes one story.
  return { ...pageTranslations(request, "story"), storyId: crypto.randomUUID() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { resident } = await requireResident(request);
  const form = await readForm(request);
  const checked = validateSomeone(someoneValues(form), new Date());
  if (!checked.ok) return invalid(context, checked);
  const sent = form.get("story");
  const storyId = await startStoryFor(resident.id, checked.data, typeof sent === "string" && UUID.test(sent) ? sent : crypto.randomUUID());
  return redirect(storyPath(storyId));
}

export default function Someone() {
  const { t } = useTranslation();
  const { storyId } = useLoaderData<typeof loader>();
  const form = useForm();
  const field = (name: string) => `story:someone.fields.${name}`;
  return (
    <StoryPage backHref="/stories/new">
      <FormErrorSummary form={form} />
      <h1 className="govuk-heading-l">{t("story:someone.title")}</h1>
      <p className="govuk-body">{t("story:someone.intro")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="story" value={storyId} />
        <Input {...form.field("name")} label={{ children: t(field("name")), className: "govuk-label--s" }} autocomplete="off" spellcheck={false} />
        <Input
          {...form.field("relationship")}
          label={{ children: t(field("relationship")), className: "govuk-label--s" }}
          hint={{ children: t(field("relationshipHint")) }}
        />
        <DateInput
          {...form.dateInput(DATE_OF_BIRTH, DATE_PARTS, (error) => dateErrorParts(error.message))}
          fieldset={{ legend: { children: t(field("dateOfBirth")), className: "govuk-fieldset__legend--s" } }}
          hint={{ children: t(field("dateOfBirthHint")) }}
        />
        <Radios
          {...form.radios("basis")}
          fieldset={{ legend: { children: t(field("basis")), className: "govuk-fieldset__legend--m" } }}
          hint={{ children: t(field("basisHint")) }}
          items={BASES.map((basis) => ({ value: basis, children: t(`story:someone.bases.${basis}`) }))}
        />
        {/* Below the choice rather than revealed by it: GOV.UK Frontend's reveal puts aria-expanded on a radio, which ARIA does not allow. */}
        <Input {...form.field("lpaReference")} label={{ children: t(field("lpaReference")) }} hint={{ children: t(field("lpaReferenceHint")) }} />
        <Textarea {...form.field("basisOther")} label={{ children: t(field("basisOther")) }} hint={{ children: t(field("basisOtherHint")) }} rows={3} />
        <Input
          {...form.field("writerName")}
          label={{ children: t(field("writerName")), className: "govuk-label--s" }}
          hint={{ children: t(field("writerNameHint")) }}
          autocomplete="name"
          spellcheck={false}
        />
        <Button preventDoubleClick>{t("story:question.continue")}</Button>
      </Form>
    </StoryPage>
  );
}
