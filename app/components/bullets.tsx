import type { ReactNode } from "react";

/** A GOV.UK bulleted list: plain strings, or marked-up items with their own keys. */
export function Bullets({ items }: { items: (string | { key: string; children: ReactNode })[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet">
      {items.map((item) => (typeof item === "string" ? <li key={item}>{item}</li> : <li key={item.key}>{item.children}</li>))}
    </ul>
  );
}
