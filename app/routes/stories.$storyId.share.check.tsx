import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "#app/components/govuk/button";
import { SummaryList } from "#app/components/govuk/summary-list";
import { useMarkParts } from "#app/components/language-of-parts";
import { StoryPage } from "#app/components/story-page";
import { formatDate } from "#app/i18n/dates";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { agencyName } from "#app/models/agency.server";
import { contactWays, partNames } from "#app/i18n/story-words";
import { partsPath, sharePath } from "#app/paths";
import { requireShareJourney, storyPageTakesNoFormFor } from "#app/web/guards.server";
import { backPath, readyToAgree } from "#app/services/sharing/journey.server";

export const handle = { titleKey: "sharing:check.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, choices } = await requireShareJourney(request, params.storyId);
  const ready = await readyToAgree(story.id, choices, new Date());
  if (!ready.ok) throw redirect(ready.redirectTo);
  const { agencies, endsAt, keepUpToDate, contact } = ready.choices;
  const lang = languageFor(request);
  return {
    ...pageTranslations(request, "sharing", "story"),
    storyId: story.id,
    backHref: backPath(story.id, choices, "check"),
    agencies: agencies.map(({ agency, sections }) => ({ id: agency.id, name: agencyName(agency, lang), sections })),
    endsOn: formatDate(endsAt, lang),
    keepUpToDate,
    contact,
  };
}

/** Takes no form. A function, not a value made when the module loads: the browser's copy of this module has no guards to call. */
export function action(args: ActionFunctionArgs): Promise<never> {
  return storyPageTakesNoFormFor("share")(args);
}

export default function CheckShare() {
  const { t } = useTranslation();
  const { storyId, backHref, agencies, endsOn, keepUpToDate, contact } = useLoaderData<typeof loader>();
  const mark = useMarkParts();
  const change = (href: string, hidden: string) => ({ items: [{ href, children: t("sharing:change"), visuallyHiddenText: hidden }] });
  const list = (items: ReactNode[]) => (
    <ul className="govuk-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
  return (
    <StoryPage backHref={backHref} heading={t("sharing:check.title")}>
      <SummaryList
        rows={[
          {
            key: { children: t("sharing:check.agencies") },
            value: { children: list(agencies.map((agency) => mark(agency.name))) },
            actions: change(sharePath(storyId), t("sharing:check.agenciesHidden")),
          },
          {
            key: { children: t("sharing:check.howLong") },
            value: { children: endsOn },
            actions: change(sharePath(storyId, "how-long"), t("sharing:check.howLongHidden")),
          },
          {
            key: { children: t("sharing:check.updates") },
            value: { children: t(keepUpToDate ? "sharing:check.updatesYes" : "sharing:check.updatesNo") },
            actions: change(sharePath(storyId, "updates"), t("sharing:check.updatesHidden")),
          },
          {
            key: { children: t("sharing:check.contact") },
            value: {
              children: contact.allowed ? t("sharing:check.contactYes", { methods: contactWays(t, contact.methods) }) : t("sharing:check.contactNo"),
            },
            actions: change(sharePath(storyId, "contact"), t("sharing:check.contactHidden")),
          },
        ]}
      />
      {agencies.map((agency) => (
        <SummaryList
          key={agency.id}
          card={{ title: { children: mark(agency.name) } }}
          rows={[
            {
              key: { children: t("sharing:check.parts") },
              value: { children: list(partNames(t, agency.sections)) },
              actions: change(partsPath(storyId, agency.id), t("sharing:check.partsHidden")),
            },
          ]}
        />
      ))}
      <p className="govuk-body">{t("sharing:check.next")}</p>
      <Button href={sharePath(storyId, "agree")}>{t("sharing:continue")}</Button>
    </StoryPage>
  );
}
