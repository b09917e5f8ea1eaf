/** A paragraph of the consent declaration, or a bulleted list (sharing.server.ts words it). */
type Paragraph = string | string[];

/**
 * The consent declaration for one agency, exactly as worded on the server: the
 * same lines are kept in the consent record, so nothing may be added here.
 */
export function ShareDeclaration({ heading, paragraphs }: { heading: string; paragraphs: Paragraph[] }) {
  return (
    <section className="app-declaration">
      <h2 className="govuk-heading-m">{heading}</h2>
      {paragraphs.map((paragraph, index) =>
        Array.isArray(paragraph) ? (
          <ul key={index} className="govuk-list govuk-list--bullet">
            {paragraph.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={index} className="govuk-body">
            {paragraph}
          </p>
        ),
      )}
    </section>
  );
}
