import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ChangesSinceLastView } from "#app/components/changes-since-last-view";
import { ConsentPanel } from "#app/components/consent-panel";
import { ContactWarning } from "#app/components/contact-warning";
import { Button } from "#app/components/govuk/button";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { WarningText } from "#app/components/govuk/warning-text";
import { useMarkParts } from "#app/components/language-of-parts";
import { PrintButton } from "#app/components/print-button";
import { StorySummary } from "#app/components/story-summary";
import { languageFor, pageTranslations, serviceNames } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { sharedStoryPath } from "#app/paths";
import { firstName } from "#app/models/story-sections";
import { requireVerifiedAccess } from "#app/web/guards.server";
import { readSharedStory } from "#app/services/sharing/shared-story.server";
import { noFormHere } from "#app/web/layout.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireVerifiedAccess(request, params.shareId, languageFor(request));
  const story = await readSharedStory(found);
  return {
    ...pageTranslations(request, "shared", "story"),
    ...story,
    service: serviceNames(found.lang).service,
    titleKey: "shared:summary.title",
    titleValues: { name: story.name },
    received: new URL(request.url).searchParams.get("received") === "1",
  };
}

/** The summary takes no form: who may read it is told so (405); anyone else gets what a GET would give them. */
export async function action({ request, params }: ActionFunctionArgs): Promise<never> {
  await requireVerifiedAccess(request, params.shareId, languageFor(request));
  return noFormHere({ request });
}

export default function SharedStorySummary() {
  const { t } = useTranslation();
  const { shareId, name, writer, content, wordsLang, changed, sinceLastView, consent, contactWarning, printedOn, service, received } =
    useLoaderData<typeof loader>();
  const first = firstName(name);
  const mark = useMarkParts();
  const agency = consent.agency;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop app-shared-story">
        {received ? <NotificationBanner type="success">{t("shared:summary.receivedDone", { name: first })}</NotificationBanner> : null}
        <ChangesSinceLastView since={sinceLastView} version={consent.version} changed={changed} />
        <span className="govuk-caption-l">{mark(t("shared:caption", { agency: agency.text }), agency)}</span>
        <h1 className="govuk-heading-l">{t("shared:summary.title", { name })}</h1>
        <ContactWarning {...contactWarning} />
        <WarningText>{mark(t("shared:summary.private", { agency: agency.text, name: first }), agency)}</WarningText>
        <ConsentPanel name={first} consent={consent} />
        <div className="govuk-button-group app-no-print">
          <a className="govuk-button" href={sharedStoryPath(shareId, "received")}>
            {t("shared:summary.received", { name: first })}
          </a>
          <PrintButton text={t("shared:summary.print")} noScriptText={t("shared:summary.printNoScript")} />
        </div>
        <StorySummary content={content} name={name} writer={writer} changed={changed} wordsLang={wordsLang} />
        <Form method="post" action={sharedStoryPath(shareId, "finish")} className="app-no-print govuk-!-margin-top-6">
          <Button className="govuk-button--secondary">{t("shared:summary.finish")}</Button>
        </Form>
        <p className="govuk-body-s app-print-only">
          {mark(t("shared:summary.printedOn", { date: printedOn, service, agency: agency.text, endsOn: consent.endsOn }), agency)}
        </p>
        <p className="app-print-running-head">{mark(t("shared:summary.runningHead", { name, agency: agency.text }), agency)}</p>
      </div>
    </div>
  );
}
