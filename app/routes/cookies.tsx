import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Table } from "#app/components/govuk/table";
import { Page } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { oneLoginOffered } from "#app/services/one-login.server";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "cookies:title" };

export function loader({ request }: LoaderFunctionArgs) {
  return { ...pageTranslations(request, "cookies"), oneLogin: oneLoginOffered() };
}

export default function CookiesPage() {
  const { t } = useTranslation();
  const { oneLogin } = useLoaderData<typeof loader>();
  // The cookies the service sets. Keep in step with every Set-Cookie the service sends; `onelogin` only when GOV.UK One Login is offered.
  const cookies = ["session", "signin", ...(oneLogin ? ["onelogin"] : []), "lang"];
  return (
    <Page heading={t("cookies:title")}>
      <p className="govuk-body">{t("cookies:intro")}</p>
      <h2 className="govuk-heading-m">{t("cookies:essentialTitle")}</h2>
      <p className="govuk-body">{t("cookies:essential")}</p>
      <Table
        className="govuk-table--small-text-until-tablet"
        caption={t("cookies:tableCaption")}
        captionClasses="govuk-table__caption--s"
        head={[{ children: t("cookies:name") }, { children: t("cookies:purpose") }, { children: t("cookies:expires") }]}
        rows={cookies.map((name) => [
          { children: <code>{name}</code> },
          { children: t(`cookies:cookies.${name}.purpose`) },
          { children: t(`cookies:cookies.${name}.expires`) },
        ])}
      />
      <p className="govuk-body">{t("cookies:noOthers")}</p>
    </Page>
  );
}
