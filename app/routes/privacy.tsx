import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Bullets } from "#app/components/bullets";
import { Page } from "#app/components/story-page";
import { useLayout } from "#app/components/use-layout";
import { pageTranslations } from "#app/i18n/i18n.server";
import { tList } from "#app/i18n/list";
import { useTranslation } from "#app/i18n/use-translation";
import { env } from "#app/config/env.server";
import { oneLoginOffered } from "#app/services/one-login.server";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "privacy:title" };

export function loader({ request }: LoaderFunctionArgs) {
  return {
    ...pageTranslations(request, "privacy"),
    months: String(env.RETENTION_MONTHS),
    oneLogin: oneLoginOffered(),
  };
}

export default function PrivacyNotice() {
  const { t } = useTranslation();
  const { months, oneLogin } = useLoaderData<typeof loader>();
  const { names, contactEmail: email } = useLayout();
  const { service, organisation } = names;
  const heading = (key: string) => <h2 className="govuk-heading-m">{t(`privacy:${key}Title`)}</h2>;
  const para = (key: string) => <p className="govuk-body">{t(`privacy:${key}`, { service, organisation, email })}</p>;
  return (
    <Page heading={t("privacy:title")}>
      {para("intro")}
      {heading("controller")}
      {para("controller")}
      {para("controllerContact")}
      {heading("collect")}
      {para("collect")}
      <Bullets items={tList(t, "privacy:collectItems")} />
      {oneLogin ? para("oneLogin") : null}
      {para("notCollect")}
      {heading("lawful")}
      {para("lawful")}
      {para("lawfulWithdraw")}
      {para("lawfulCarer")}
      {para("helpers")}
      {heading("sharing")}
      {para("sharing")}
      {para("sharingTheirRules")}
      {para("sharingLaw")}
      {heading("retention")}
      <Bullets items={tList(t, "privacy:retentionItems", { months })} />
      {heading("rights")}
      {para("rights")}
      <Bullets items={tList(t, "privacy:rightsItems")} />
      {para("rightsYourAccount")}
      {para("rightsHow")}
      {heading("complain")}
      {para("complain")}
      <p className="govuk-body-s">{t("privacy:updated")}</p>
    </Page>
  );
}
