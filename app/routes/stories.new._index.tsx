import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { Radios } from "#app/components/govuk/radios";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { NEW_STORY, pagePath, storySections } from "#app/models/story-sections";
import { requireResident } from "#app/web/guards.server";
import { invalid, readForm } from "#app/web/form.server";

export const handle = { titleKey: "story:whoFor.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireResident(request);
  return pageTranslations(request, "story");
}

/** "Me" goes to the first question; "someone I care for or support" first asks who they are. */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireResident(request);
  const whoFor = (await readForm(request)).get("whoFor");
  if (whoFor === "me") return redirect(pagePath(NEW_STORY, storySections[0]));
  if (whoFor === "someone") return redirect("/stories/new/someone");
  return invalid(context, { errors: [{ field: "whoFor", message: "story:whoFor.errors.required" }], values: {} });
}

export default function WhoFor() {
  const { t } = useTranslation();
  const form = useForm();
  return (
    <StoryPage backHref="/stories">
      <FormErrorSummary form={form} />
      <Form method="post" noValidate>
        <Radios
          {...form.radios("whoFor")}
          fieldset={{ legend: { children: t("story:whoFor.title"), isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
          items={[
            { value: "me", children: t("story:whoFor.me") },
            { value: "someone", children: t("story:whoFor.someone"), hint: { children: t("story:whoFor.someoneHint") } },
          ]}
        />
        <Button preventDoubleClick>{t("story:question.continue")}</Button>
      </Form>
    </StoryPage>
  );
}
