import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { Radios } from "#app/components/govuk/radios";
import { SummaryList } from "#app/components/govuk/summary-list";
import { Page } from "#app/components/story-page";
import { formatDate } from "#app/i18n/dates";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { storyPath } from "#app/paths";
import { helpAnswerForm, validateTakeOver } from "#app/services/helper-forms.server";
import { FORMER_OWNER_CHOICES, INVITATION_ANSWERS as ANSWERS } from "#app/services/sharing/permissions";
import { acceptInvitation, declineInvitation } from "#app/services/helpers.server";
import { requireInvitation } from "#app/web/guards.server";
import { invalid, readForm, validateForm } from "#app/web/form.server";

/**
 * Where an invitation is answered, by someone signed in with the address it
 * was sent to: to help with a story, or to take over the story about them.
 * Signed in with another address, or too late, the page says so and shows nothing of the story.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireInvitation(request, params.invitationId);
  const translations = pageTranslations(request, "helpers");
  if (found.state === "other-address") {
    return data(
      { ...translations, titleKey: "helpers:invitation.otherAddressTitle", page: { kind: "other-address" as const, email: found.resident.email } },
      403,
    );
  }
  if (found.state === "accepted") throw redirect(storyPath(found.story.id));
  if (found.state !== "waiting") return data({ ...translations, titleKey: "helpers:invitation.goneTitle", page: { kind: "gone" as const } }, 410);
  const { invitation, inviter, about } = found;
  const takeOver = invitation.role === "owner";
  return {
    ...translations,
    titleKey: takeOver ? "helpers:invitation.takeOverTitle" : "helpers:invitation.helpTitle",
    titleValues: { inviter },
    page: {
      kind: takeOver ? ("take-over" as const) : ("help" as const),
      inviter,
      about,
      role: invitation.role,
      until: formatDate(invitation.expiresAt, languageFor(request)),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const found = await requireInvitation(request, params.invitationId);
  // Answered already, or too late: the link's own page says which.
  const here = new URL(request.url).pathname;
  if (found.state !== "waiting") throw redirect(here, 303);
  const form = await readForm(request);
  const { invitation, resident } = found;
  if (invitation.role === "owner") {
    const checked = validateTakeOver(form, found.inviter);
    if (!checked.ok) return invalid(context, checked);
    if (checked.data.answer === "no") return decline(invitation.id, resident);
    const accepted = await acceptInvitation(invitation.id, resident, checked.data.formerOwner);
    return redirect(accepted.ok ? `${storyPath(accepted.storyId)}?welcome=owner` : here, 303);
  }
  const checked = validateForm(helpAnswerForm, form);
  if (!checked.ok) return invalid(context, checked);
  if (checked.data.answer === "no") return decline(invitation.id, resident);
  const accepted = await acceptInvitation(invitation.id, resident);
  return redirect(accepted.ok ? `${storyPath(accepted.storyId)}?welcome=helping` : here, 303);
}

async function decline(invitationId: string, resident: { id: string; email: string }) {
  await declineInvitation(invitationId, resident);
  return redirect("/stories?declined=1", 303);
}

export default function Invitation() {
  const { t } = useTranslation();
  const { page } = useLoaderData<typeof loader>();
  const form = useForm();
  if (page.kind === "other-address") {
    return (
      <Page heading={t("helpers:invitation.otherAddressTitle")}>
        <p className="govuk-body">{t("helpers:invitation.otherAddress", { email: page.email })}</p>
        <Form method="post" action="/sign-out">
          <Button>{t("helpers:invitation.signOut")}</Button>
        </Form>
      </Page>
    );
  }
  if (page.kind === "gone") {
    return (
      <Page heading={t("helpers:invitation.goneTitle")}>
        <p className="govuk-body">{t("helpers:invitation.gone")}</p>
      </Page>
    );
  }
  const takeOver = page.kind === "take-over";
  return (
    <Page>
      <FormErrorSummary form={form} />
      <h1 className="govuk-heading-l app-story-text">
        {t(takeOver ? "helpers:invitation.takeOverTitle" : "helpers:invitation.helpTitle", { inviter: page.inviter })}
      </h1>
      {takeOver ? <p className="govuk-body app-story-text">{t("helpers:invitation.takeOverIntro", { inviter: page.inviter })}</p> : null}
      <SummaryList
        rows={[
          { key: { children: t("helpers:invitation.about") }, value: { children: <span className="app-story-text">{page.about}</span> } },
          { key: { children: t("helpers:invitation.invitedBy") }, value: { children: <span className="app-story-text">{page.inviter}</span> } },
          ...(takeOver ? [] : [{ key: { children: t("helpers:invitation.youCould") }, value: { children: t(`helpers:roles.${page.role}Hint`) } }]),
          { key: { children: t("helpers:invitation.until") }, value: { children: page.until } },
        ]}
      />
      <Form method="post" noValidate>
        <Radios
          {...form.radios("answer")}
          className="govuk-radios--inline"
          fieldset={{
            legend: { children: t(takeOver ? "helpers:invitation.takeOverAnswer" : "helpers:invitation.answer"), className: "govuk-fieldset__legend--m" },
          }}
          items={ANSWERS.map((answer) => ({ value: answer, children: t(`helpers:invitation.${answer}`) }))}
        />
        {takeOver ? (
          <Radios
            {...form.radios("formerOwner")}
            fieldset={{ legend: { children: t("helpers:invitation.formerOwner", { inviter: page.inviter }), className: "govuk-fieldset__legend--s" } }}
            hint={{ children: t("helpers:invitation.formerOwnerHint") }}
            items={FORMER_OWNER_CHOICES.map((choice) => ({
              value: choice,
              children: choice === "none" ? t("helpers:invitation.formerOwnerNone") : t(`helpers:roles.${choice}`),
            }))}
          />
        ) : null}
        <Button preventDoubleClick>{t("helpers:invitation.continue")}</Button>
      </Form>
    </Page>
  );
}
