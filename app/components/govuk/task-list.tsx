import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";
import { Tag, type TagProps } from "./tag";

export type TaskListItem = {
  title: { children?: ReactNode; className?: string };
  hint?: { children?: ReactNode };
  /** Either a tag or plain content; the tag wins. */
  status: { tag?: TagProps; children?: ReactNode; className?: string };
  href?: string;
  className?: string;
};

export type TaskListProps = {
  /** Falsy items are skipped but still count towards the numbered ids, as in the macro. */
  items: (TaskListItem | false | null | undefined)[];
  className?: string;
  attributes?: GovukAttributes;
  idPrefix?: string;
};

function Item({ item, idPrefix, index }: { item: TaskListItem; idPrefix: string; index: number }) {
  const hintId = `${idPrefix}-${index}-hint`;
  const statusId = `${idPrefix}-${index}-status`;
  const { title, hint, status } = item;
  const itemClassName = ["govuk-task-list__item", item.href ? "govuk-task-list__item--with-link" : "", item.className ?? ""].filter(Boolean).join(" ");
  return (
    <li className={itemClassName}>
      <div className="govuk-task-list__name-and-hint">
        {item.href ? (
          <a
            className={title.className ? `govuk-link govuk-task-list__link ${title.className}` : "govuk-link govuk-task-list__link"}
            href={item.href}
            aria-describedby={hint ? `${hintId} ${statusId}` : statusId}
          >
            {title.children}
          </a>
        ) : (
          <div className={title.className || undefined}>{title.children}</div>
        )}
        {hint ? (
          <div id={hintId} className="govuk-task-list__hint">
            {hint.children}
          </div>
        ) : null}
      </div>
      <div className={status.className ? `govuk-task-list__status ${status.className}` : "govuk-task-list__status"} id={statusId}>
        {status.tag ? <Tag {...status.tag} /> : status.children}
      </div>
    </li>
  );
}

export function TaskList({ items, className, attributes, idPrefix }: TaskListProps) {
  return (
    <ul className={className ? `govuk-task-list ${className}` : "govuk-task-list"} {...attributeProps(attributes)}>
      {items.map((item, index) => (item ? <Item key={index} item={item} idPrefix={idPrefix || "task-list"} index={index + 1} /> : null))}
    </ul>
  );
}
