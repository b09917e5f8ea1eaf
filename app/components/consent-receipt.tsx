import type { ReactNode } from "react";
import { SummaryList } from "#app/components/govuk/summary-list";
import { Table } from "#app/components/govuk/table";
import { markParts, useMarkParts } from "#app/components/language-of-parts";
import { LinkParagraph } from "#app/components/links";
import type { Language } from "#app/i18n/i18n";
import type { Localised } from "#app/i18n/localised";
import { useTranslation } from "#app/i18n/use-translation";
import { contactWays, partNames } from "#app/i18n/story-words";
import { sharesPath } from "#app/paths";

export type ReceiptView = {
  shareId: string;
  agencyName: Localised;
  sections: string[];
  purpose: string;
  endsOn: string;
  keepUpToDate: boolean;
  contact: { allowed: boolean; methods: string[] };
  state: "active" | "stopped" | "ended";
  agreedOn: string;
  method: string;
  /** The words agreed, in the language they were agreed in, and the agency's English name, to mark in Welsh words. */
  wording: { lines: string[]; lang: Language; agency: Localised; version: string; hash: string } | null;
  /** Every consent record, oldest first, with who agreed: "You", or the owner's or a helper's name. */
  history: { id: string; kind: string; on: string; by: string }[];
};

/** A consent receipt as the person reads it: the terms, the words they agreed to, what has happened since, and how to stop. */
export function ConsentReceiptView({ storyId, receipt }: { storyId: string; receipt: ReceiptView }) {
  const { t } = useTranslation();
  const mark = useMarkParts();
  const { wording } = receipt;
  const list = (items: string[]) => (
    <ul className="govuk-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
  const row = (key: string, value: ReactNode) => ({ key: { children: t(`sharing:receipt.${key}`) }, value: { children: value } });
  const contact = receipt.contact.allowed ? t("sharing:check.contactYes", { methods: contactWays(t, receipt.contact.methods) }) : t("sharing:check.contactNo");
  return (
    <>
      <h1 className="govuk-heading-l">{t("sharing:receipt.title")}</h1>
      <p className="govuk-body">{t("sharing:receipt.intro")}</p>
      <SummaryList
        rows={[
          row("agency", mark(receipt.agencyName)),
          row("state", t(`sharing:receipt.states.${receipt.state}`)),
          row("parts", list(partNames(t, receipt.sections))),
          row("purpose", mark(receipt.purpose, receipt.agencyName)),
          row("ends", receipt.endsOn),
          row("updates", t(receipt.keepUpToDate ? "sharing:check.updatesYes" : "sharing:check.updatesNo")),
          row("contact", contact),
          row("agreedOn", receipt.agreedOn),
          row("agreedBy", t("sharing:receipt.agreedByYou")),
          row("method", t(`sharing:receipt.methods.${receipt.method}`)),
        ]}
      />
      {wording ? (
        <>
          <h2 className="govuk-heading-m">{t("sharing:receipt.wordingHeading")}</h2>
          {/* Quoted in the language agreed, which may not be the page's (WCAG 3.1.2). */}
          <div className="govuk-inset-text" lang={wording.lang}>
            {wordingBlocks(wording.lines).map((block, index) =>
              typeof block === "string" ? (
                <p key={index} className="govuk-body">
                  {markParts(block, [wording.agency], wording.lang)}
                </p>
              ) : (
                <ul key={index} className="govuk-list govuk-list--bullet">
                  {block.map((item, itemIndex) => (
                    <li key={itemIndex}>{item}</li>
                  ))}
                </ul>
              ),
            )}
          </div>
          <p className="govuk-body-s govuk-!-text-break-word">{t("sharing:receipt.wordingVersion", { version: wording.version, hash: wording.hash })}</p>
        </>
      ) : null}
      <h2 className="govuk-heading-m">{t("sharing:receipt.historyHeading")}</h2>
      <Table
        head={[{ children: t("sharing:receipt.historyDate") }, { children: t("sharing:receipt.historyEvent") }, { children: t("helpers:history.by") }]}
        rows={receipt.history.map((record) => [
          { children: record.on },
          { children: t(`sharing:receipt.kinds.${record.kind}`) },
          { children: <span className="app-story-text">{record.by}</span> },
        ])}
      />
      <LinkParagraph href={`${sharesPath(storyId)}/${receipt.shareId}/receipt.json`} download>
        {t("sharing:receipt.download")}
      </LinkParagraph>
      <h2 className="govuk-heading-m">{t("sharing:receipt.stopHeading")}</h2>
      <p className="govuk-body">{t("sharing:receipt.stop")}</p>
      <LinkParagraph href={sharesPath(storyId)}>{t("sharing:receipt.whoHasLink")}</LinkParagraph>
    </>
  );
}

/** The stored words mark list items with "• " (sharing.server.ts); show them as the list they were on the page. */
function wordingBlocks(lines: string[]): (string | string[])[] {
  const blocks: (string | string[])[] = [];
  for (const line of lines) {
    const item = line.startsWith("• ") ? line.slice(2) : null;
    const last = blocks.at(-1);
    if (item === null) blocks.push(line);
    else if (Array.isArray(last)) last.push(item);
    else blocks.push([item]);
  }
  return blocks;
}
