import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { ShareConfirmation } from "#app/components/share-confirmation";
import { ShareDeclaration } from "#app/components/share-declaration";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { sharesOfStory } from "#app/models/share.server";
import { sharePath, sharesPath } from "#app/paths";
import { requireShareJourney } from "#app/web/guards.server";
import { readyToAgree } from "#app/services/sharing/journey.server";
import { agreeAndShare, declarationFor, helperAgreeing } from "#app/services/sharing/shares.server";
import { invalid, readForm } from "#app/web/form.server";

/**
 * The consent declaration and "Agree and share". The action answers with the
 * confirmation itself, links included, rather than redirecting: the links
 * exist only in that one response. Once the draft is gone (after sharing) the
 * loader shows the confirmation without them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, draft, resident } = await requireShareJourney(request, params.storyId);
  const translations = pageTranslations(request, "sharing", "story");
  if (!draft) {
    if ((await sharesOfStory(story.id)).length === 0) throw redirect(sharePath(story.id));
    return { ...translations, titleKey: "sharing:confirmation.title", storyId: story.id, declaration: null, askedBy: null };
  }
  const ready = await readyToAgree(story.id, draft, new Date());
  if (!ready.ok) throw redirect(ready.redirectTo);
  const { blocks, hash } = declarationFor(ready.choices, languageFor(request), story.subject, helperAgreeing(story, resident.id));
  const shown = blocks.map(({ agencyId, agency, heading, paragraphs }) => ({ agencyId, agency, heading, paragraphs }));
  // Written because the person asked for help: the writer confirms that the person agreed.
  const askedBy = story.subject.basis === "asked" ? (story.subject.name ?? "") : null;
  return { ...translations, titleKey: "sharing:agree.title", storyId: story.id, declaration: { blocks: shown, hash }, askedBy };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { story, resident } = await requireShareJourney(request, params.storyId);
  const form = await readForm(request);
  const outcome = await agreeAndShare({
    storyId: story.id,
    resident,
    shownHash: String(form.get("declaration") ?? ""),
    personAgreed: form.get("personAgreed") === "yes",
    lang: languageFor(request),
  });
  if (outcome.ok) return { shared: outcome.shared };
  if (outcome.reason === "changed") return invalid(context, { errors: [{ field: "declaration", message: "sharing:agree.errors.changed" }], values: {} });
  if (outcome.reason === "not-agreed") {
    return invalid(context, {
      errors: [{ field: "personAgreed", message: "sharing:agree.errors.personAgreed", params: { name: story.subject.name ?? "" } }],
      values: {},
    });
  }
  // Sent again (a refresh after sharing): nothing is waiting, and the shares are listed with their receipts.
  if (outcome.reason === "no-draft") throw redirect(sharesPath(story.id), 303);
  throw redirect(outcome.reason === "incomplete" ? outcome.redirectTo : sharePath(story.id), 303);
}

export default function AgreeAndShare() {
  const { t } = useTranslation();
  const { storyId, declaration, askedBy } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useForm();
  if (actionData && "shared" in actionData)
    return (
      <StoryPage>
        <ShareConfirmation storyId={storyId} shared={actionData.shared} />
      </StoryPage>
    );
  if (!declaration)
    return (
      <StoryPage>
        <ShareConfirmation storyId={storyId} shared={null} />
      </StoryPage>
    );
  return (
    <StoryPage backHref={sharePath(storyId, "check")}>
      <FormErrorSummary form={form} />
      <h1 className="govuk-heading-l">{t("sharing:agree.title")}</h1>
      <p className="govuk-body">{t("sharing:agree.intro")}</p>
      <div id="declaration">
        {declaration.blocks.map((block) => (
          <ShareDeclaration key={block.agencyId} heading={block.heading} paragraphs={block.paragraphs} agency={block.agency} />
        ))}
      </div>
      <Form method="post" noValidate>
        <input type="hidden" name="declaration" value={declaration.hash} />
        {askedBy === null ? null : (
          <Checkboxes
            {...form.checkboxes("personAgreed")}
            fieldset={{ legend: { children: t("sharing:agree.personAgreedLegend", { name: askedBy }), className: "govuk-fieldset__legend--s" } }}
            items={[{ value: "yes", children: t("sharing:agree.personAgreed", { name: askedBy }) }]}
          />
        )}
        <Button preventDoubleClick>{t("sharing:agree.button")}</Button>
      </Form>
    </StoryPage>
  );
}
