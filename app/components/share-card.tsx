import type { TFunction } from "i18next";
import { Bullets } from "#app/components/bullets";
import { SummaryList, type SummaryListAction } from "#app/components/govuk/summary-list";
import { Tag } from "#app/components/govuk/tag";
import { useTranslation } from "#app/i18n/use-translation";
import { partNames, receiptPath, sharesPath } from "#app/models/share-choices";
import type { ShareState } from "#app/services/consent-rules";

export type ShareSummary = {
  id: string;
  agency: string;
  state: ShareState;
  sections: string[];
  endsOn: string;
  stoppedOn: string | null;
  version: number;
  keepUpToDate: boolean;
};

const stateTags: Record<ShareState, string> = { active: "govuk-tag--green", stopped: "govuk-tag--grey", ended: "govuk-tag--grey" };

/** Where each action on a share lives: /stories/:storyId/shares/:shareId/… */
export function shareActionPath(storyId: string, shareId: string, action: "stop" | "parts" | "extend" | "resend"): string {
  return `${sharesPath(storyId)}/${shareId}/${action}`;
}

function endRow(share: ShareSummary, t: TFunction) {
  if (share.state === "stopped") return { key: t("sharing:whoHas.stopped"), value: share.stoppedOn ?? "" };
  return { key: t(share.state === "ended" ? "sharing:whoHas.ended" : "sharing:whoHas.ends"), value: share.endsOn };
}

/**
 * One share on "Who has your story": its state now, what they see and until
 * when, and (while it is active) the ways to change or stop it. Each action's
 * link text ends with the agency's name for screen readers (the card title).
 */
export function ShareCard({ storyId, share }: { storyId: string; share: ShareSummary }) {
  const { t } = useTranslation();
  const active = share.state === "active";
  const action = (kind: "parts" | "extend", text: string, hidden: string): { items: SummaryListAction[] } | undefined =>
    active ? { items: [{ href: shareActionPath(storyId, share.id, kind), children: text, visuallyHiddenText: hidden }] } : undefined;
  const end = endRow(share, t);
  return (
    <SummaryList
      card={{
        title: { children: share.agency },
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
        {
          key: { children: t("sharing:whoHas.parts") },
          value: { children: <Bullets items={partNames(t, share.sections)} /> },
          actions: action("parts", t("sharing:whoHas.actions.change"), t("sharing:whoHas.partsHidden")),
        },
        {
          key: { children: end.key },
          value: { children: end.value },
          actions: action("extend", t("sharing:whoHas.actions.extend"), t("sharing:whoHas.endsHidden")),
        },
        {
          key: { children: t("sharing:whoHas.version") },
          value: { children: t(share.keepUpToDate ? "sharing:whoHas.versionLatest" : "sharing:whoHas.versionAgreed", { version: share.version }) },
        },
        {
          key: { children: t("sharing:whoHas.updates") },
          value: { children: t(share.keepUpToDate ? "sharing:whoHas.updatesYes" : "sharing:whoHas.updatesNo") },
        },
        { key: { children: t("sharing:whoHas.views") }, value: { children: t("sharing:whoHas.notViewed") } },
        { key: { children: t("sharing:whoHas.replies") }, value: { children: t("sharing:whoHas.noReplies") } },
        {
          key: { children: t("sharing:whoHas.receipt") },
          value: {
            children: (
              <a className="govuk-link" href={receiptPath(storyId, share.id)}>
                {t("sharing:whoHas.receiptLink")}
                <span className="govuk-visually-hidden"> ({share.agency})</span>
              </a>
            ),
          },
        },
      ]}
    />
  );
}
