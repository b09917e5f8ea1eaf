import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrorSummary, type Form as PageForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { InsetText } from "#app/components/govuk/inset-text";
import { useMarkParts } from "#app/components/language-of-parts";
import { ShareNotActive } from "#app/components/share-not-active";
import { StoryPage } from "#app/components/story-page";
import type { Localised } from "#app/i18n/localised";
import { sharesPath } from "#app/paths";

/**
 * A change to an active share (its parts, or how long it lasts): the
 * question, then the words the person agrees to, whose hash goes with the
 * form so that words changed meanwhile are not agreed to unseen.
 */
export function ShareChange({
  storyId,
  agency,
  form,
  agreement,
  button,
  children,
}: {
  storyId: string;
  agency: Localised;
  form: PageForm;
  agreement: { wording: string; wordingHash: string };
  button: string;
  children: ReactNode;
}) {
  const mark = useMarkParts();
  return (
    <StoryPage backHref={sharesPath(storyId)}>
      <FormErrorSummary form={form} />
      <Form method="post" noValidate>
        <input type="hidden" name="shown" value={agreement.wordingHash} />
        {children}
        <InsetText>{mark(agreement.wording, agency)}</InsetText>
        <Button preventDoubleClick>{button}</Button>
      </Form>
    </StoryPage>
  );
}

/** The page instead of a change, for a share that has stopped or ended. */
export function ShareNotActivePage({ storyId, agency, state }: { storyId: string; agency: Localised; state: "stopped" | "ended" }) {
  return (
    <StoryPage backHref={sharesPath(storyId)}>
      <ShareNotActive storyId={storyId} agency={agency} state={state} />
    </StoryPage>
  );
}
