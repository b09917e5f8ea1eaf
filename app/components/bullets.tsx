/** A GOV.UK bulleted list of plain strings. */
export function Bullets({ items }: { items: string[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
