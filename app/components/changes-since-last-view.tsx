import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { useTranslation } from "#app/i18n/use-translation";
import type { LastView } from "#app/services/sharing/shared-story.server";

type Props = {
  /** Their last view, when something shared has changed since; null on a first view or when nothing has. */
  since: LastView | null;
  /** The version shown now. */
  version: number;
  /** The changed parts, in the summary's order; each links to its heading (`summary-<id>`, see StorySummary). */
  changed: readonly string[];
};

/**
 * At the top of the summary an agency reads: what changed since this person
 * last looked, so they need not read the whole story again to find it. On
 * screen only: the print stylesheet leaves notification banners out.
 */
export function ChangesSinceLastView({ since, version, changed }: Props) {
  const { t } = useTranslation();
  if (!since || changed.length === 0) return null;
  return (
    <NotificationBanner titleText={t("story:summary.changed")} titleId="changes-since-last-view-title" className="app-changes-since-last-view">
      <p className="govuk-notification-banner__heading">
        {since.version === version
          ? t("shared:changes.sameVersion", { date: since.on })
          : t("shared:changes.newVersion", { from: since.version, date: since.on, to: version })}
      </p>
      <p className="govuk-body">{t("shared:changes.parts")}</p>
      <ul className="govuk-list govuk-list--bullet">
        {changed.map((id) => (
          <li key={id}>
            <a className="govuk-notification-banner__link" href={`#summary-${id}`}>
              {t(`story:sections.${id}.summaryTitle`)}
            </a>
          </li>
        ))}
      </ul>
    </NotificationBanner>
  );
}
