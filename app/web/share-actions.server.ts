import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { sharesPath, type ShareDone } from "#app/paths";
import type { ChangeOutcome, ShareAction } from "#app/services/sharing/changes.server";
import type { StepOutcome } from "#app/services/sharing/journey.server";
import { invalid, readForm } from "./form.server";
import { requireShareJourney, requireShareOfOwnStory, type ShareJourney } from "./guards.server";

/*
 * What the sharing pages' actions have in common, called from each route's own
 * `action` (a route module exports functions, so that the browser's build drops
 * them). Each runs its guard before it reads the form, so a request refused by
 * the guard is refused the same way whatever it sent.
 */

/** What a share journey page (after the first) answers its form: `submit` saves it, on to the next page, or this page again with its errors. */
export async function answerShareStep(
  { request, params, context }: ActionFunctionArgs,
  submit: (journey: ShareJourney, form: FormData) => Promise<StepOutcome>,
) {
  const journey = await requireShareJourney(request, params.storyId);
  const outcome = await submit(journey, await readForm(request));
  return outcome.ok ? redirect(outcome.redirectTo) : invalid(context, outcome);
}

/**
 * What a change to an active share (its parts, how long it lasts) answers its
 * form: the page again with its errors; for a share that stopped or ended
 * meanwhile, the page loaded again, which says so; else "Who has your story",
 * saying what `done` says was done, if anything.
 */
export async function answerShareChange(
  { request, params, context }: ActionFunctionArgs,
  change: (action: ShareAction & { form: FormData }) => Promise<ChangeOutcome>,
  done: (changed: boolean) => ShareDone["done"] | null,
) {
  const { story, action } = await requireShareOfOwnStory(request, params);
  const outcome = await change({ ...action, form: await readForm(request) });
  if ("errors" in outcome) return invalid(context, outcome);
  if (!outcome.ok) return null;
  const kind = done(outcome.changed);
  return redirect(sharesPath(story.id, kind ? { done: kind, share: action.shareId } : undefined));
}
