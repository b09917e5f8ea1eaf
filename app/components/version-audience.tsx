import { Bullets } from "#app/components/bullets";
import { useMarkParts } from "#app/components/language-of-parts";
import { useTranslation } from "#app/i18n/use-translation";
import type { VersionAudienceNames } from "#app/services/sharing/changes.server";

/**
 * Who sees a version of the story, said before it is saved (`saved` false) and
 * after: the organisations kept up to date (who are emailed), those that keep
 * the version they were shared, and that nobody else can see it. Every
 * sentence is true for none, one or several of each (newVersionAudience).
 */
export function VersionAudience({ audience, saved }: { audience: VersionAudienceNames; saved: boolean }) {
  const { t } = useTranslation();
  const mark = useMarkParts();
  return (
    <div className="app-version-audience">
      {audience.following.length > 0 ? (
        <>
          <p className="govuk-body">{t(saved ? "story:audience.following" : "story:audience.willFollow")}</p>
          <Bullets items={audience.following.map((name) => ({ key: name.text, children: mark(name) }))} />
        </>
      ) : null}
      {audience.fixed.length > 0 ? (
        <>
          <p className="govuk-body">{t(saved ? "story:audience.fixed" : "story:audience.willBeFixed")}</p>
          <Bullets items={audience.fixed.map((name) => ({ key: name.text, children: mark(name) }))} />
        </>
      ) : null}
      <p className="govuk-body">{t("story:audience.nobodyElse")}</p>
    </div>
  );
}
