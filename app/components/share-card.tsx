import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { Bullets } from "#app/components/bullets";
import { SummaryList, type SummaryListAction, type SummaryListRow } from "#app/components/govuk/summary-list";
import { Tag } from "#app/components/govuk/tag";
import { useMarkParts } from "#app/components/language-of-parts";
import { Words } from "#app/components/story-answers";
import type { Localised } from "#app/i18n/localised";
import { useTranslation } from "#app/i18n/use-translation";
import { partNames } from "#app/i18n/story-words";
import { receiptPath, sharesPath } from "#app/paths";
import type { ShareState } from "#app/services/sharing/consent-rules";

export type ShareSummary = {
  id: string;
  agency: Localised;
  state: ShareState;
  sections: string[];
  endsOn: string;
  stoppedOn: string | null;
  version: number;
  keepUpToDate: boolean;
  /** Who agreed to the share: "You", or the owner's or a helper's name. */
  sharedBy: string;
  views: { id: number; email: string; when: string; version: number; times: number }[];
  replies: { id: string; name: string; role: string; email: string; message: string | null; when: string }[];
};

const stateTags: Record<ShareState, string> = { active: "govuk-tag--green", stopped: "govuk-tag--grey", ended: "govuk-tag--grey" };

/** Where each action on a share lives: /stories/:storyId/shares/:shareId/… */
function shareActionPath(storyId: string, shareId: string, action: "stop" | "parts" | "extend" | "resend"): string {
  return `${sharesPath(storyId)}/${shareId}/${action}`;
}

/** When a share ends (active), or when it stopped or ended. */
function endRow(share: ShareSummary, t: TFunction) {
  if (share.state === "stopped") return { key: t("sharing:whoHas.stopped"), value: share.stoppedOn ?? "" };
  return { key: t(share.state === "ended" ? "sharing:whoHas.ended" : "sharing:whoHas.ends"), value: share.endsOn };
}

/**
 * Which version the agency sees and whether it sees new ones, while a share is
 * active; once it has stopped or ended, the last version they could see and
 * that they can see nothing now. Nothing about a past share is in the present tense.
 */
function versionRows(share: ShareSummary, t: TFunction): SummaryListRow[] {
  if (share.state !== "active") {
    return [
      { key: { children: t("sharing:whoHas.versionBefore") }, value: { children: t("sharing:whoHas.versionNumber", { version: share.version }) } },
      { key: { children: t("sharing:whoHas.now") }, value: { children: t("sharing:whoHas.nothingNow") } },
    ];
  }
  return [
    {
      key: { children: t("sharing:whoHas.version") },
      value: { children: t(share.keepUpToDate ? "sharing:whoHas.versionLatest" : "sharing:whoHas.versionAgreed", { version: share.version }) },
    },
    {
      key: { children: t("sharing:whoHas.updates") },
      value: { children: t(share.keepUpToDate ? "sharing:whoHas.updatesYes" : "sharing:whoHas.updatesNo") },
    },
  ];
}

/** A list of what happened, newest first, one item to a line; or, when nothing has, `none`. */
function Log<T extends { id: string | number }>({
  items,
  none,
  className = "govuk-list",
  render,
}: {
  items: T[];
  none: string;
  className?: string;
  render: (item: T) => ReactNode;
}) {
  if (items.length === 0) return none;
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={item.id}>{render(item)}</li>
      ))}
    </ul>
  );
}

/** What someone at the agency said when they received the story: who, when, and their message in their own words. */
function Reply({ reply }: { reply: ShareSummary["replies"][number] }) {
  const { t } = useTranslation();
  return (
    <>
      <Words>{t("sharing:whoHas.repliedBy", { name: reply.name, role: reply.role, when: reply.when })}</Words>
      <span className="govuk-hint govuk-!-margin-bottom-0"> {t("sharing:whoHas.replyEmail", { email: reply.email })}</span>
      {reply.message ? (
        <blockquote className="app-reply-message">
          <Words>{reply.message}</Words>
        </blockquote>
      ) : null}
    </>
  );
}

/**
 * One share on "Who has your story": its state now, what they see (or, once
 * stopped or ended, could see) and until when, and while it is active the ways
 * to change or stop it. Each action's
 * link text ends with the agency's name for screen readers (the card title).
 */
export function ShareCard({ storyId, share, mayChange }: { storyId: string; share: ShareSummary; mayChange: boolean }) {
  const { t } = useTranslation();
  const mark = useMarkParts();
  // A helper who may not change shares sees them without the ways to change them.
  const live = share.state === "active";
  const active = live && mayChange;
  const action = (kind: "parts" | "extend", text: string, hidden: string): { items: SummaryListAction[] } | undefined =>
    active ? { items: [{ href: shareActionPath(storyId, share.id, kind), children: text, visuallyHiddenText: hidden }] } : undefined;
  const end = endRow(share, t);
  return (
    <SummaryList
      card={{
        title: { children: mark(share.agency) },
        actions: active
          ? {
              items: [
                { href: shareActionPath(storyId, share.id, "stop"), children: t("sharing:whoHas.actions.stop") },
                { href: shareActionPath(storyId, share.id, "resend"), children: t("sharing:whoHas.actions.resend") },
              ],
            }
          : undefined,
      }}
      rows={[
        {
          key: { children: t("sharing:whoHas.status") },
          value: { children: <Tag className={stateTags[share.state]}>{t(`sharing:whoHas.states.${share.state}`)}</Tag> },
        },
        { key: { children: t("helpers:history.sharedBy") }, value: { children: <Words>{share.sharedBy}</Words> } },
        {
          key: { children: t(live ? "sharing:whoHas.parts" : "sharing:whoHas.partsBefore") },
          value: { children: <Bullets items={partNames(t, share.sections)} /> },
          actions: action("parts", t("sharing:whoHas.actions.change"), t("sharing:whoHas.partsHidden")),
        },
        {
          key: { children: end.key },
          value: { children: end.value },
          actions: action("extend", t("sharing:whoHas.actions.extend"), t("sharing:whoHas.endsHidden")),
        },
        ...versionRows(share, t),
        {
          // Every time someone at the agency opened the story.
          key: { children: t("sharing:whoHas.views") },
          value: {
            children: (
              <Log
                items={share.views}
                none={t("sharing:whoHas.notViewed")}
                render={(view) =>
                  t(view.times > 1 ? "sharing:whoHas.viewedByTimes" : "sharing:whoHas.viewedBy", {
                    email: view.email,
                    when: view.when,
                    version: view.version,
                    times: view.times,
                  })
                }
              />
            ),
          },
        },
        {
          key: { children: t("sharing:whoHas.replies") },
          value: {
            children: (
              <Log items={share.replies} none={t("sharing:whoHas.noReplies")} className="govuk-list app-replies" render={(reply) => <Reply reply={reply} />} />
            ),
          },
        },
        {
          key: { children: t("sharing:whoHas.receipt") },
          value: {
            children: (
              <a className="govuk-link" href={receiptPath(storyId, share.id)}>
                {t("sharing:whoHas.receiptLink")}
                <span className="govuk-visually-hidden"> ({mark(share.agency)})</span>
              </a>
            ),
          },
        },
      ]}
    />
  );
}
