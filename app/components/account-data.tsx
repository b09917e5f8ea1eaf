import { Fragment } from "react";
import { Table } from "#app/components/govuk/table";
import { SummaryList } from "#app/components/govuk/summary-list";
import { LinkParagraph } from "#app/components/links";
import { PrintButton } from "#app/components/print-button";
import { Page } from "#app/components/story-page";
import { StorySummary } from "#app/components/story-summary";
import { Words } from "#app/components/story-answers";
import { partName } from "#app/i18n/story-words";
import { useTranslation } from "#app/i18n/use-translation";
import { cleanStory, subjectName, type StoryContent } from "#app/models/story-sections";
import { wordsLanguage } from "#app/models/story-language";
import type { AccountData } from "#app/services/account-data.server";

type Props = { data: AccountData; printedOn: string; dates: Record<string, string> };

/**
 * Everything held about an account, in words: the account, then each story
 * with what is written now, every version, every share with what was agreed,
 * who opened it and who replied, and its helpers; then the emails sent.
 */
export function AccountDataView({ data, printedOn, dates }: Props) {
  const { t } = useTranslation();
  const on = (iso: string | null) => (iso ? (dates[iso] ?? iso) : "");
  const by = (who: string) => (who === "you" ? t("account:you") : who);
  return (
    <Page>
      <h1 className="govuk-heading-l">{t("account:readTitle")}</h1>
      <p className="govuk-body">{t("account:readIntro", { date: printedOn })}</p>
      <PrintButton text={t("account:print")} noScriptText={t("account:printNoScript")} />
      <LinkParagraph href="/account/data.json" download>
        {t("account:dataJson")}
      </LinkParagraph>
      <h2 className="govuk-heading-m">{t("account:accountHeading")}</h2>
      <SummaryList
        rows={[
          { key: { children: t("account:email") }, value: { children: <Words>{data.account.email}</Words> } },
          { key: { children: t("account:language") }, value: { children: t(`account:languages.${data.account.language}`) } },
          { key: { children: t("account:created") }, value: { children: on(data.account.createdAt) } },
          { key: { children: t("account:lastSignedIn") }, value: { children: on(data.account.lastSignedInAt) } },
        ]}
      />
      {data.stories.length === 0 ? (
        <>
          <h2 className="govuk-heading-m">{t("account:storiesHeading")}</h2>
          <p className="govuk-body">{t("account:none")}</p>
        </>
      ) : null}
      {data.stories.map((story) => {
        const draft = cleanStory(Object.fromEntries(story.draft.map((part) => [part.part, part.answers])));
        const name = subjectName(draft) ?? t("story:list.untitled");
        const writer =
          story.about.who === "someone else"
            ? {
                ...story.about,
                name: story.about.name ?? null,
                writerName: story.about.writtenBy ?? null,
                basisDetail: story.about.basisDetail ?? null,
                relationship: story.about.relationship ?? "",
                basis: story.about.basis ?? "self",
              }
            : { basis: "self", relationship: "self", name: null, writerName: null, basisDetail: null };
        return (
          <section key={story.id} className="app-story-section" aria-labelledby={`story-${story.id}`}>
            <h2 className="govuk-heading-m app-story-text" id={`story-${story.id}`}>
              {name}
            </h2>
            <p className="govuk-body">{t(`account:roles.${story.yourRole}`)}</p>
            <h3 className="govuk-heading-s">{t("account:draftHeading")}</h3>
            <Table
              className="govuk-table--small-text-until-tablet"
              head={[{ children: t("account:part") }, { children: t("account:savedAt") }, { children: t("account:savedBy") }]}
              rows={story.draft.map((part) => [
                { children: partName(t, part.part) },
                { children: on(part.savedAt) },
                { children: <Words>{by(part.savedBy)}</Words> },
              ])}
            />
            <StorySummary
              content={draft as StoryContent}
              writer={writer}
              wordsLang={wordsLanguage(draft, "")}
              idPrefix={`draft-${story.id}`}
              headingLevel={4}
            />
            <h3 className="govuk-heading-s">{t("account:versionsHeading")}</h3>
            {story.versions.length === 0 ? <p className="govuk-body">{t("account:none")}</p> : null}
            {story.versions.map((version) => (
              <Fragment key={version.version}>
                <p className="govuk-body govuk-!-font-weight-bold">
                  {t("account:version", { version: version.version })}: {on(version.savedAt)}, <Words>{by(version.savedBy)}</Words>
                </p>
                <StorySummary
                  content={version.answers as StoryContent}
                  writer={writer}
                  wordsLang={wordsLanguage(version.answers as StoryContent, "")}
                  idPrefix={`version-${version.version}-${story.id}`}
                  headingLevel={4}
                />
              </Fragment>
            ))}
            <h3 className="govuk-heading-s">{t("account:sharesHeading")}</h3>
            {story.shares.length === 0 ? <p className="govuk-body">{t("account:none")}</p> : null}
            {story.shares.map((share) => (
              <SummaryList
                key={`${share.agency}-${share.sharedAt}`}
                card={{ title: { children: share.agency } }}
                rows={[
                  { key: { children: t("account:status") }, value: { children: t(`sharing:whoHas.states.${share.status}`) } },
                  { key: { children: t("account:sharedAt") }, value: { children: <Words>{`${on(share.sharedAt)}, ${by(share.sharedBy)}`}</Words> } },
                  { key: { children: t("account:endsAt") }, value: { children: on(share.stoppedAt ?? share.endsAt) } },
                  {
                    key: { children: t("account:consentHeading") },
                    value: {
                      children: (
                        <Lines
                          items={share.consentRecords.map(
                            (record) => `${on(record.recordedAt)}: ${t(`sharing:receipt.kinds.${record.kind}`)} (${by(record.agreedBy)})`,
                          )}
                        />
                      ),
                    },
                  },
                  {
                    key: { children: t("account:accessHeading") },
                    value: { children: <Lines items={share.accessLog.map((view) => `${on(view.openedAt)}: ${view.by}`)} /> },
                  },
                  {
                    key: { children: t("account:repliesHeading") },
                    value: {
                      children: (
                        <Lines
                          items={share.replies.map((reply) => `${on(reply.at)}: ${reply.name}, ${reply.role}${reply.message ? `: ${reply.message}` : ""}`)}
                        />
                      ),
                    },
                  },
                ]}
              />
            ))}
            <h3 className="govuk-heading-s">{t("account:helpersHeading")}</h3>
            <Lines items={story.helpers.map((helper) => `${helper.name} (${helper.email}): ${helper.permission}, ${helper.status}, ${on(helper.invitedAt)}`)} />
          </section>
        );
      })}
      <h2 className="govuk-heading-m">{t("account:emailsHeading")}</h2>
      <Table
        className="govuk-table--small-text-until-tablet"
        head={[{ children: t("account:emailKind") }, { children: t("account:sentAt") }]}
        rows={data.emails.map((email) => [
          { children: t(`account:emailKinds.${email.kind}`, { defaultValue: email.kind }) },
          { children: on(email.sentAt ?? email.queuedAt) },
        ])}
      />
    </Page>
  );
}

/** A list, one item to a line, in the words people typed; "None." when empty. */
function Lines({ items }: { items: string[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <>{t("account:none")}</>;
  return (
    <ul className="govuk-list app-story-text">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}
