import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { SummaryList } from "#app/components/govuk/summary-list";
import { LinkList, LinkParagraph } from "#app/components/links";
import { Page } from "#app/components/story-page";
import { env } from "#app/config/env.server";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { requireResident, residentPageTakesNoForm } from "#app/web/guards.server";

export const handle = { titleKey: "account:title" };

/** "Your account": the address it signs in with, its data to take away, and deleting it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { resident } = await requireResident(request);
  const changed = new URL(request.url).searchParams.get("changed") === "1";
  return { ...pageTranslations(request, "account"), email: resident.email, oneLogin: resident.oneLoginSub !== null, changed, months: env.RETENTION_MONTHS };
}

export const action = residentPageTakesNoForm;

export default function Account() {
  const { t } = useTranslation();
  const { email, oneLogin, changed, months } = useLoaderData<typeof loader>();
  return (
    <Page>
      {changed ? <NotificationBanner type="success">{t("account:changed", { email })}</NotificationBanner> : null}
      <h1 className="govuk-heading-l">{t("account:title")}</h1>
      <SummaryList
        rows={[
          {
            key: { children: t("account:email") },
            value: { children: <span className="app-story-text">{email}</span> },
            actions: { items: [{ href: "/account/email", children: t("account:change"), visuallyHiddenText: t("account:changeHidden") }] },
          },
          { key: { children: t("account:signInMethod") }, value: { children: t(oneLogin ? "account:oneLoginOrCode" : "account:codeOnly") } },
        ]}
      />
      <p className="govuk-body">{t("account:keptFor", { months })}</p>
      <h2 className="govuk-heading-m">{t("account:dataHeading")}</h2>
      <p className="govuk-body">{t("account:data")}</p>
      <LinkList
        links={[
          { href: "/account/data", text: t("account:read") },
          { href: "/account/data.json", text: t("account:download") },
        ]}
      />
      <h2 className="govuk-heading-m">{t("account:deleteHeading")}</h2>
      <p className="govuk-body">{t("account:delete")}</p>
      <LinkParagraph href="/account/delete">{t("account:deleteLink")}</LinkParagraph>
    </Page>
  );
}
