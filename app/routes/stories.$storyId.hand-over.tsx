import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Bullets } from "#app/components/bullets";
import { EmailQuestion } from "#app/components/email-question";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { tList } from "#app/i18n/list";
import { useTranslation } from "#app/i18n/use-translation";
import { helpersPath } from "#app/paths";
import { handOverForm } from "#app/services/helper-forms.server";
import { invite } from "#app/services/helpers.server";
import { requireStoryToHandOver } from "#app/web/guards.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";

/** Inviting the person a story is about to take it over: what happens, then their own address. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStoryToHandOver(request, params.storyId);
  const name = story.subject.name ?? "";
  return { ...pageTranslations(request, "story", "helpers"), titleKey: "helpers:handOver.title", titleValues: { name }, storyId: story.id, name };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { story, resident } = await requireStoryToHandOver(request, params.storyId);
  const checked = validateForm(handOverForm, await readForm(request));
  if (!checked.ok) return invalid(context, checked);
  const name = story.subject.name ?? "";
  const outcome = await invite({ story, by: resident, name, email: checked.data.email, role: "owner", lang: languageFor(request) });
  if (outcome.ok) return redirect(`${helpersPath(story.id)}?done=handOver&invitation=${outcome.id}`);
  const message = outcome.reason === "limited" ? "helpers:handOver.errors.limited" : "helpers:handOver.errors.ownAddress";
  return invalid(context, { errors: [{ field: "email", message, params: { name } }], values: checked.values }, outcome.reason === "limited" ? 429 : 400);
}

export default function HandOver() {
  const { t } = useTranslation();
  const { storyId, name } = useLoaderData<typeof loader>();
  const form = useForm();
  return (
    <StoryPage backHref={helpersPath(storyId)}>
      <FormErrorSummary form={form} />
      <h1 className="govuk-heading-l app-story-text">{t("helpers:handOver.title", { name })}</h1>
      <p className="govuk-body app-story-text">{t("helpers:handOver.intro", { name })}</p>
      <p className="govuk-body">{t("helpers:handOver.when")}</p>
      <Bullets items={tList(t, "helpers:handOver.points", { name })} />
      <Form method="post" noValidate>
        <EmailQuestion form={form} place="form" someoneElses label={t("helpers:handOver.email", { name })} hint={t("helpers:handOver.emailHint")} />
        <Button preventDoubleClick>{t("helpers:handOver.send")}</Button>
      </Form>
    </StoryPage>
  );
}
