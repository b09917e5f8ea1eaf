import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, useForm } from "#app/components/form";
import { BackLink } from "#app/components/govuk/back-link";
import { Button } from "#app/components/govuk/button";
import { CharacterCount } from "#app/components/govuk/character-count";
import { Input } from "#app/components/govuk/input";
import { Page } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { MAX_REPLY_MESSAGE } from "#app/services/sharing/choices";
import { sharedStoryPath } from "#app/paths";
import { findVersion } from "#app/models/story.server";
import { firstName, subjectName } from "#app/models/story-sections";
import { versionShown } from "#app/services/sharing/consent-rules";
import { requireVerifiedAccess } from "#app/web/guards.server";
import { sendReply, type SharedAccess } from "#app/services/sharing/shared-story.server";
import { replyForm } from "#app/services/sharing/shared-story-forms.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";

/** The first name of the person the share is about, from the version the agency sees. */
async function nameOf({ share, story }: SharedAccess): Promise<string> {
  const version = await findVersion(story.id, versionShown(share, story.latestVersion ?? share.version));
  return firstName((version && subjectName(version.content)) ?? "");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireVerifiedAccess(request, params.shareId, languageFor(request));
  const name = await nameOf(found);
  return { ...pageTranslations(request, "shared", "story"), shareId: found.share.id, name, titleKey: "shared:received.title", titleValues: { name } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const found = await requireVerifiedAccess(request, params.shareId, languageFor(request));
  const result = validateForm(replyForm, await readForm(request));
  if (!result.ok) return invalid(context, result);
  await sendReply(found, result.data);
  return redirect(`${sharedStoryPath(found.share.id, "summary")}?received=1`);
}

export default function LetThemKnow() {
  const { t } = useTranslation();
  const { shareId, name } = useLoaderData<typeof loader>();
  const form = useForm();
  return (
    <>
      <BackLink href={sharedStoryPath(shareId, "summary")}>{t("shared:received.cancel")}</BackLink>
      <Page>
        <FormErrorSummary form={form} />
        <h1 className="govuk-heading-l">{t("shared:received.title", { name })}</h1>
        <p className="govuk-body">{t("shared:received.intro", { name })}</p>
        <Form method="post" noValidate>
          <Input {...form.field("name")} autocomplete="name" spellcheck={false} label={{ children: t("shared:received.name"), className: "govuk-label--s" }} />
          <Input
            {...form.field("role")}
            autocomplete="organization-title"
            label={{ children: t("shared:received.role"), className: "govuk-label--s" }}
            hint={{ children: t("shared:received.roleHint") }}
          />
          <CharacterCount
            {...form.field("message")}
            rows={4}
            maxlength={MAX_REPLY_MESSAGE}
            textareaDescriptionText={t("story:question.limit", { limit: MAX_REPLY_MESSAGE })}
            label={{ children: t("shared:received.message"), className: "govuk-label--s" }}
            hint={{ children: t("shared:received.messageHint") }}
          />
          <Button>{t("shared:received.send")}</Button>
        </Form>
      </Page>
    </>
  );
}
