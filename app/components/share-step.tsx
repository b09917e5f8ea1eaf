import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrorSummary, type Form as PageForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { StoryPage } from "#app/components/story-page";
import { useTranslation } from "#app/i18n/use-translation";

/**
 * One step of the sharing journey: its question in a form, the error summary
 * above and Continue below. `action`: where the form posts, when not to this
 * page's own address; `formKey`: gives a fresh form (and so fresh ticks) when it changes.
 */
export function ShareStep({
  form,
  backHref,
  action,
  formKey,
  children,
}: {
  form: PageForm;
  backHref: string;
  action?: string;
  formKey?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <StoryPage backHref={backHref}>
      <FormErrorSummary form={form} />
      <Form method="post" action={action} noValidate key={formKey}>
        {children}
        <Button preventDoubleClick>{t("sharing:continue")}</Button>
      </Form>
    </StoryPage>
  );
}
