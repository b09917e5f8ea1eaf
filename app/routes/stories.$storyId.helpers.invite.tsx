import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { EmailQuestion } from "#app/components/email-question";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { Input } from "#app/components/govuk/input";
import { Radios } from "#app/components/govuk/radios";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { helpersPath } from "#app/paths";
import { inviteForm } from "#app/services/helper-forms.server";
import { invite } from "#app/services/helpers.server";
import { HELPER_ROLES } from "#app/services/sharing/permissions";
import { requireStory } from "#app/web/guards.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";

export const handle = { titleKey: "helpers:invite.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId, "helpers");
  return { ...pageTranslations(request, "story", "helpers"), storyId: story.id };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { story, resident } = await requireStory(request, params.storyId, "helpers");
  const checked = validateForm(inviteForm, await readForm(request));
  if (!checked.ok) return invalid(context, checked);
  const { name, email, permission } = checked.data;
  const outcome = await invite({ story, by: resident, name, email, role: permission, lang: languageFor(request) });
  if (outcome.ok) return redirect(`${helpersPath(story.id)}?done=invited&invitation=${outcome.id}`);
  const field = outcome.reason === "too-many" || outcome.reason === "limited" ? "name" : "email";
  const reasons = { "own-address": "ownAddress", already: "already", "too-many": "tooMany", limited: "limited" } as const;
  return invalid(
    context,
    { errors: [{ field, message: `helpers:invite.errors.${reasons[outcome.reason]}` }], values: checked.values },
    outcome.reason === "limited" ? 429 : 400,
  );
}

export default function InviteHelper() {
  const { t } = useTranslation();
  const { storyId } = useLoaderData<typeof loader>();
  const form = useForm();
  return (
    <StoryPage backHref={helpersPath(storyId)}>
      <FormErrorSummary form={form} />
      <h1 className="govuk-heading-l">{t("helpers:invite.title")}</h1>
      <p className="govuk-body">{t("helpers:invite.intro")}</p>
      <Form method="post" noValidate>
        <Input
          {...form.field("name")}
          label={{ children: t("helpers:invite.name"), className: "govuk-label--s" }}
          hint={{ children: t("helpers:invite.nameHint") }}
          autocomplete="off"
          spellcheck={false}
        />
        <EmailQuestion form={form} place="form" someoneElses label={t("helpers:invite.email")} hint={t("helpers:invite.emailHint")} />
        <Radios
          {...form.radios("permission")}
          fieldset={{ legend: { children: t("helpers:invite.permission"), className: "govuk-fieldset__legend--s" } }}
          items={HELPER_ROLES.map((role) => ({ value: role, children: t(`helpers:roles.${role}`), hint: { children: t(`helpers:roles.${role}Hint`) } }))}
        />
        <Button preventDoubleClick>{t("helpers:invite.send")}</Button>
      </Form>
    </StoryPage>
  );
}
