import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type { SummaryListRow } from "#app/components/govuk/summary-list";
import { fieldKey, listItems, voiceByName, voiceOf, type Field, type SectionContent, type QuestionPage, type StorySection } from "#app/models/story-sections";

/**
 * Someone's own words, exactly as written: escaped by React, line breaks kept
 * by CSS. `lang` is the language they are in (story-language.ts) where known.
 */
export function Words({ children, lang }: { children: string; lang?: string }) {
  return (
    <span className="app-story-text" lang={lang}>
      {children}
    </span>
  );
}

function answer(section: StorySection, field: Exclude<Field, { kind: "list" }>, value: unknown, t: TFunction, lang: string): ReactNode {
  if (field.kind === "checkboxes" && Array.isArray(value)) {
    const labels = value.map((option) => t(`${fieldKey(section, field)}.options.${String(option)}`));
    return labels.length === 1 ? (
      labels[0]
    ) : (
      <ul className="govuk-list">
        {labels.map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
    );
  }
  if (field.kind === "radios") return t(`${fieldKey(section, field)}.options.${String(value)}`);
  return <Words lang={lang}>{String(value)}</Words>;
}

const answered = (value: unknown) => (typeof value === "string" ? value !== "" : Array.isArray(value) && value.length > 0);

type ChangeLinks = { href: (page: QuestionPage) => string; change: string; notAnswered: string };

/** Who wrote a story for someone else, as the subject holds it: for saying whose words an answer is. */
type VoiceWriter = { basis: string; name: string | null; writerName: string | null };

/**
 * "Dafydd Jones's own words, written down by Gwen Jones" or "Gwen Jones's view":
 * under an answer in a story written for someone else, when the writer said which.
 */
export function VoiceLabel({ content, field, writer, t }: { content: SectionContent; field: Field; writer?: VoiceWriter; t: TFunction }) {
  const voice = writer && writer.basis !== "self" ? voiceOf(content, field) : undefined;
  if (!voice || !writer) return null;
  // Whoever saved the answer: the writer, or a helper writing with them.
  const by = content[voiceByName(field)];
  const names = { name: writer.name ?? "", writer: typeof by === "string" && by !== "" ? by : (writer.writerName ?? "") };
  return (
    <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0 app-voice">
      {t(voice === "theirs" ? "story:voice.labelTheirs" : "story:voice.labelMine", names)}
    </p>
  );
}

/**
 * A section's answers as summary list rows, in page order, the person's words
 * marked as in `lang`. With `changeLinks` (check your answers) every question
 * gets a row and a Change link; without (what services read) only the
 * questions answered appear.
 */
export function answerRows(
  section: StorySection,
  content: SectionContent,
  t: TFunction,
  lang: string,
  { changeLinks, writer }: { changeLinks?: ChangeLinks; writer?: VoiceWriter } = {},
): SummaryListRow[] {
  const rows: SummaryListRow[] = [];
  const add = (page: QuestionPage, key: string, value: ReactNode | null) => {
    if (value === null && !changeLinks) return;
    rows.push({
      key: { children: key },
      value: { children: value ?? changeLinks?.notAnswered },
      actions: changeLinks ? { items: [{ href: changeLinks.href(page), children: changeLinks.change, visuallyHiddenText: key }] } : undefined,
    });
  };
  for (const page of section.pages) {
    for (const field of page.fields as readonly Field[]) {
      if (field.kind !== "list") {
        const value = content[field.name];
        const shown = answered(value) ? (
          <>
            {answer(section, field, value, t, lang)}
            <VoiceLabel content={content} field={field} writer={writer} t={t} />
          </>
        ) : null;
        add(page, t(`${fieldKey(section, field)}.summary`), shown);
        continue;
      }
      const items = listItems(field, content);
      if (items.length === 0) add(page, t(`${fieldKey(section, field)}.summary`), null);
      items.forEach((item, index) => {
        for (const itemField of field.item) {
          const value = item[itemField.name];
          if (!answered(value) && !changeLinks) continue;
          add(page, t(`${fieldKey(section, field, itemField)}.summary`, { number: index + 1 }), answered(value) ? <Words lang={lang}>{value}</Words> : null);
        }
      });
    }
  }
  return rows;
}

/** A section whose only question is one piece of writing reads best as a paragraph under its heading. */
export function isSingleText(section: StorySection): boolean {
  const fields = section.pages.flatMap((page) => page.fields as readonly Field[]);
  return fields.length === 1 && (fields[0].kind === "textarea" || fields[0].kind === "text");
}
