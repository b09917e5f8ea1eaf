import { useMarkParts } from "#app/components/language-of-parts";
import type { Localised } from "#app/i18n/localised";

/** A paragraph of the consent declaration, or a bulleted list (sharing.server.ts words it). */
type Paragraph = string | string[];

/**
 * The consent declaration for one agency, exactly as worded on the server: the
 * same lines are kept in the consent record, so nothing may be added here. The
 * agency's name is marked where it is in another language.
 */
export function ShareDeclaration({ heading, paragraphs, agency }: { heading: string; paragraphs: Paragraph[]; agency: Localised }) {
  const mark = useMarkParts();
  return (
    <section className="app-declaration">
      <h2 className="govuk-heading-m">{mark(heading, agency)}</h2>
      {paragraphs.map((paragraph, index) =>
        Array.isArray(paragraph) ? (
          <ul key={index} className="govuk-list govuk-list--bullet">
            {paragraph.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={index} className="govuk-body">
            {mark(paragraph, agency)}
          </p>
        ),
      )}
    </section>
  );
}
