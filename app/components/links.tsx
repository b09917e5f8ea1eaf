import type { ReactNode } from "react";

/** A paragraph that is one link: where to go next. `download`: the link saves a file; `rel`: as on the link. */
export function LinkParagraph({ href, download, rel, children }: { href: string; download?: boolean; rel?: string; children: ReactNode }) {
  return (
    <p className="govuk-body">
      <a className="govuk-link" href={href} rel={rel} download={download}>
        {children}
      </a>
    </p>
  );
}

/** Links one under another, in a plain GOV.UK list. */
export function LinkList({ links }: { links: { href: string; text: ReactNode }[] }) {
  return (
    <ul className="govuk-list">
      {links.map(({ href, text }) => (
        <li key={href}>
          <a className="govuk-link" href={href}>
            {text}
          </a>
        </li>
      ))}
    </ul>
  );
}
