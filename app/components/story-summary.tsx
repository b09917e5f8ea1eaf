import { SummaryList } from "#app/components/govuk/summary-list";
import { answerRows, isSingleText, Words } from "#app/components/story-answers";
import { useTranslation } from "#app/i18n/use-translation";
import { storySections, subjectName, type Field, type StoryContent } from "#app/models/story-sections";

type Props = {
  content: StoryContent;
  version: number;
  /** When it was published, formatted by the loader (see formatDateTime). */
  publishedOn: string;
  /** On what basis the writer speaks for the person: "self" when it is their own story. */
  basis: string;
};

/**
 * A published story as a service reads it: who it is about, who wrote it and
 * when, then each part the person answered, in a fixed order, in their own words.
 */
export function StorySummary({ content, version, publishedOn, basis }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <SummaryList
        rows={[
          { key: { children: t("story:summary.about") }, value: { children: <Words>{subjectName(content) ?? ""}</Words> } },
          { key: { children: t("story:summary.writtenBy") }, value: { children: t(`story:summary.basis.${basis}`) } },
          { key: { children: t("story:summary.version") }, value: { children: String(version) } },
          { key: { children: t("story:summary.published") }, value: { children: publishedOn } },
        ]}
      />
      {storySections.map((section) => {
        const answers = content[section.id];
        if (!answers) return null;
        const [only] = section.pages[0].fields as readonly Field[];
        return (
          <section key={section.id} aria-labelledby={`summary-${section.id}`}>
            <h2 className="govuk-heading-m" id={`summary-${section.id}`}>
              {t(`story:sections.${section.id}.summaryTitle`)}
            </h2>
            {isSingleText(section) ? (
              <p className="govuk-body">
                <Words>{String(answers[only.name])}</Words>
              </p>
            ) : (
              <SummaryList rows={answerRows(section, answers, t)} />
            )}
          </section>
        );
      })}
    </>
  );
}
