import { SummaryList } from "#app/components/govuk/summary-list";
import { Tag } from "#app/components/govuk/tag";
import { answerRows, isSingleText, VoiceLabel, Words } from "#app/components/story-answers";
import { writtenBy } from "#app/i18n/story-words";
import { useTranslation } from "#app/i18n/use-translation";
import { storySections, subjectName, type Field, type StoryContent } from "#app/models/story-sections";
import type { Writer } from "#app/models/subject";

type Props = {
  content: StoryContent;
  /** Who it is about, when `content` may not hold "About you" (an agency's summary always has the name). */
  name?: string;
  /** Who wrote it, and on what basis they speak for the person: basis "self" when it is their own story. */
  writer: Writer;
  /** The version and when it was published (formatted by the loader, see formatDateTime), unless the page shows them elsewhere. */
  published?: { version: number; on: string };
  /** Sections that differ from what this reader saw last time. */
  changed?: readonly string[];
  /** The language of the person's words (story-language.ts' wordsLanguage). */
  wordsLang: string;
  /** Where several summaries share a page (the account's data): what makes each part's id its own, and the parts' heading level under the page's own headings. */
  idPrefix?: string;
  headingLevel?: 2 | 4;
};

/**
 * A published story as a service reads it: who it is about, who wrote it and
 * when, then each part in `content`, in a fixed order, in the person's own words.
 */
export function StorySummary({ content, name, writer, published, changed = [], wordsLang, idPrefix = "summary", headingLevel = 2 }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h4";
  // One summary on a page has a region for each part; several (the account's data) would repeat the regions' names.
  const Part = headingLevel === 2 ? "section" : "div";
  const { t } = useTranslation();
  return (
    <>
      <SummaryList
        rows={[
          { key: { children: t("story:summary.about") }, value: { children: <Words lang={wordsLang}>{name ?? subjectName(content) ?? ""}</Words> } },
          { key: { children: t("story:summary.writtenBy") }, value: { children: writtenBy(writer, t) } },
          ...(published
            ? [
                { key: { children: t("story:summary.version") }, value: { children: String(published.version) } },
                { key: { children: t("story:summary.published") }, value: { children: published.on } },
              ]
            : []),
        ]}
      />
      {storySections.map((section) => {
        const answers = content[section.id];
        if (!answers) return null;
        const [only] = section.pages[0].fields as readonly Field[];
        return (
          <Part key={section.id} className="app-story-section" aria-labelledby={headingLevel === 2 ? `${idPrefix}-${section.id}` : undefined}>
            <Heading className={headingLevel === 2 ? "govuk-heading-m" : "govuk-heading-s"} id={`${idPrefix}-${section.id}`}>
              {t(`story:sections.${section.id}.summaryTitle`)}
            </Heading>
            {changed.includes(section.id) ? (
              <p className="govuk-body">
                <Tag className="govuk-tag--yellow">{t("story:summary.changed")}</Tag>
              </p>
            ) : null}
            {isSingleText(section) ? (
              <>
                <p className="govuk-body">
                  <Words lang={wordsLang}>{String(answers[only.name])}</Words>
                </p>
                <VoiceLabel content={answers} field={only} writer={writer} t={t} />
              </>
            ) : (
              <SummaryList rows={answerRows(section, answers, t, wordsLang, { writer })} />
            )}
          </Part>
        );
      })}
    </>
  );
}
