import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Bullets } from "#app/components/bullets";
import { LinkParagraph } from "#app/components/links";
import { Page } from "#app/components/story-page";
import { useLayout } from "#app/components/use-layout";
import { pageTranslations } from "#app/i18n/i18n.server";
import { tList } from "#app/i18n/list";
import { useTranslation } from "#app/i18n/use-translation";
import { env } from "#app/config/env.server";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "accessibility:title" };

export function loader({ request }: LoaderFunctionArgs) {
  return {
    ...pageTranslations(request, "accessibility"),
    url: env.PUBLIC_URL,
  };
}

export default function AccessibilityStatement() {
  const { t } = useTranslation();
  const { url } = useLoaderData<typeof loader>();
  const { names, contactEmail: email } = useLayout();
  const { service, organisation } = names;
  const mailto = (
    <a className="govuk-link" href={`mailto:${email}`}>
      {email}
    </a>
  );
  const section = (key: string, body: string) => (
    <>
      <h2 className="govuk-heading-m">{t(`accessibility:${key}Title`)}</h2>
      <p className="govuk-body">{body}</p>
    </>
  );
  return (
    <Page heading={t("accessibility:heading", { service })}>
      <p className="govuk-body">{t("accessibility:appliesTo", { service, organisation, url })}</p>
      <p className="govuk-body">{t("accessibility:wantEveryone")}</p>
      <Bullets items={tList(t, "accessibility:canDo")} />
      <p className="govuk-body">{t("accessibility:plainWords")}</p>
      <LinkParagraph href="https://mcmw.abilitynet.org.uk/" rel="noreferrer">
        {t("accessibility:abilityNet")}
      </LinkParagraph>
      {section("how", t("accessibility:how"))}
      <h2 className="govuk-heading-m">{t("accessibility:feedbackTitle")}</h2>
      <p className="govuk-body">{t("accessibility:feedback", { email })}</p>
      <p className="govuk-body">{mailto}</p>
      {section("reporting", t("accessibility:reporting", { email }))}
      <h2 className="govuk-heading-m">{t("accessibility:enforcementTitle")}</h2>
      <p className="govuk-body">
        {t("accessibility:enforcement")}{" "}
        <a className="govuk-link" href="https://www.equalityadvisoryservice.com/" rel="noreferrer">
          {t("accessibility:eassLink")}
        </a>
        .
      </p>
      <h2 className="govuk-heading-l">{t("accessibility:technicalTitle")}</h2>
      <p className="govuk-body">{t("accessibility:technical", { organisation })}</p>
      {section("compliance", t("accessibility:compliance"))}
      {section("nonAccessible", t("accessibility:nonAccessible"))}
      {section("improve", t("accessibility:improve"))}
      {section("preparation", t("accessibility:preparation"))}
      <p className="govuk-body">{t("accessibility:tested")}</p>
    </Page>
  );
}
