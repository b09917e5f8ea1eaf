import type { LoaderFunctionArgs } from "@remix-run/node";
import { Bullets } from "#app/components/bullets";
import { Button } from "#app/components/govuk/button";
import { ExitThisPage } from "#app/components/govuk/exit-this-page";
import { WarningText } from "#app/components/govuk/warning-text";
import { LinkParagraph } from "#app/components/links";
import { Page } from "#app/components/story-page";
import { useLayout } from "#app/components/use-layout";
import { pageTranslations } from "#app/i18n/i18n.server";
import { tList } from "#app/i18n/list";
import { useTranslation } from "#app/i18n/use-translation";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "start:title" };

export function loader({ request }: LoaderFunctionArgs) {
  return pageTranslations(request, "start");
}

export default function StartPage() {
  const { t } = useTranslation();
  const { organisation } = useLayout().names;
  return (
    <>
      {/* Someone at risk arrives here first: a way out in one press, as on every story page. */}
      <ExitThisPage />
      <Page>
        <h1 className="govuk-heading-xl">{t("start:title")}</h1>
        <p className="govuk-body-l">{t("start:lead")}</p>
        <p className="govuk-body">{t("start:why")}</p>
        <p className="govuk-body">{t("start:forYouOrSomeone")}</p>
        <p className="govuk-body">{t("start:forSomeone")}</p>
        <p className="govuk-body">{t("start:helpers")}</p>

        <h2 className="govuk-heading-m">{t("start:whoTitle")}</h2>
        <p className="govuk-body">{t("start:who", { organisation })}</p>
        <Bullets items={tList(t, "start:whoExamples")} />

        <h2 className="govuk-heading-m">{t("start:needTitle")}</h2>
        <Bullets items={tList(t, "start:needs")} />
        <p className="govuk-body">{t("start:optional")}</p>

        <Button href="/sign-in" isStartButton>
          {t("start:start")}
        </Button>

        <h2 className="govuk-heading-m">{t("start:infoTitle")}</h2>
        <Bullets items={tList(t, "start:info")} />
        <LinkParagraph href="/privacy">{t("start:privacyLink")}</LinkParagraph>

        <WarningText>{t("start:danger")}</WarningText>
      </Page>
    </>
  );
}
