import { createElement, type ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";

export type SummaryListAction = {
  href: string;
  children?: ReactNode;
  /** Appended for screen readers, since "Change" alone lacks context. */
  visuallyHiddenText?: string;
  className?: string;
  attributes?: GovukAttributes;
};

export type SummaryListActions = {
  items?: SummaryListAction[];
  className?: string;
};

export type SummaryListRow = {
  key: { children?: ReactNode; className?: string };
  value: { children?: ReactNode; className?: string };
  actions?: SummaryListActions;
  className?: string;
};

export type SummaryCardTitle = {
  children?: ReactNode;
  /** 1 to 6; defaults to 2. */
  headingLevel?: number;
  className?: string;
};

export type SummaryCard = {
  title?: SummaryCardTitle;
  actions?: SummaryListActions;
  className?: string;
  attributes?: GovukAttributes;
};

export type SummaryListProps = {
  /** Falsy rows are skipped, so rows can be included conditionally. */
  rows: (SummaryListRow | false | null | undefined)[];
  card?: SummaryCard;
  className?: string;
  attributes?: GovukAttributes;
};

function withClass(base: string, className: string | undefined) {
  return className ? `${base} ${className}` : base;
}

// The card title is repeated in every action so that each link still makes sense read out on its own.
function ActionLink({ action, cardTitle }: { action: SummaryListAction; cardTitle: SummaryCardTitle | undefined }) {
  return (
    <a className={withClass("govuk-link", action.className)} href={action.href} {...attributeProps(action.attributes)}>
      {action.children}
      {action.visuallyHiddenText || cardTitle ? (
        <span className="govuk-visually-hidden">
          {action.visuallyHiddenText ? ` ${action.visuallyHiddenText}` : null}
          {cardTitle ? <> ({cardTitle.children})</> : null}
        </span>
      ) : null}
    </a>
  );
}

function Card({ card, children }: { card: SummaryCard; children: ReactNode }) {
  const { title, actions } = card;
  const items = actions?.items ?? [];
  return (
    <div className={withClass("govuk-summary-card", card.className)} {...attributeProps(card.attributes)}>
      <div className="govuk-summary-card__title-wrapper">
        {title ? createElement(`h${title.headingLevel || 2}`, { className: withClass("govuk-summary-card__title", title.className) }, title.children) : null}
        {items.length === 1 ? (
          <div className={withClass("govuk-summary-card__actions", actions?.className)}>
            <ActionLink action={items[0]} cardTitle={title} />
          </div>
        ) : items.length > 1 ? (
          <ul className={withClass("govuk-summary-card__actions", actions?.className)}>
            {items.map((action, index) => (
              <li key={index} className="govuk-summary-card__action">
                <ActionLink action={action} cardTitle={title} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="govuk-summary-card__content">{children}</div>
    </div>
  );
}

export function SummaryList({ rows, card, className, attributes }: SummaryListProps) {
  // Rows without actions need a modifier only when another row has some, to keep the columns aligned.
  const anyRowHasActions = rows.some((row) => row && row.actions?.items?.length);
  const cardTitle = card?.title;

  const list = (
    <dl className={withClass("govuk-summary-list", className)} {...attributeProps(attributes)}>
      {rows.map((row, rowIndex) => {
        if (!row) return null;
        const items = row.actions?.items ?? [];
        const rowClassName = [
          "govuk-summary-list__row",
          anyRowHasActions && !row.actions?.items ? "govuk-summary-list__row--no-actions" : "",
          row.className ?? "",
        ]
          .filter(Boolean)
          .join(" ");
        return (
          <div key={rowIndex} className={rowClassName}>
            <dt className={withClass("govuk-summary-list__key", row.key.className)}>{row.key.children}</dt>
            <dd className={withClass("govuk-summary-list__value", row.value.className)}>{row.value.children}</dd>
            {items.length ? (
              <dd className={withClass("govuk-summary-list__actions", row.actions?.className)}>
                {items.length === 1 ? (
                  <ActionLink action={items[0]} cardTitle={cardTitle} />
                ) : (
                  <ul className="govuk-summary-list__actions-list">
                    {items.map((action, index) => (
                      <li key={index} className="govuk-summary-list__actions-list-item">
                        <ActionLink action={action} cardTitle={cardTitle} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );

  return card ? <Card card={card}>{list}</Card> : list;
}
