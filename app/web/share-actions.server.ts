import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { sharesPath, type ShareDone } from "#app/paths";
import type { ChangeOutcome, ShareAction } from "#app/services/sharing/changes.server";
import type { StepOutcome } from "#app/services/sharing/journey.server";
import { invalid, readForm } from "./form.server";
import { requireShareJourney, requireShareOfOwnStory, type ShareJourney } from "./guards.server";

/*
 * The actions the sharing pages have in common. Each runs its guard before it
 * reads the form, so a request refused by the guard is refused the same way
 * whatever it sent.
 */

/** The action of a share journey page (after the first): `submit` answers the form, on to the next page or this one again with its errors. */
export function shareStepAction(submit: (journey: ShareJourney, form: FormData, request: Request) => StepOutcome) {
  return async ({ request, params, context }: ActionFunctionArgs) => {
    const journey = requireShareJourney(request, params.storyId);
    const outcome = submit(journey, await readForm(request), request);
    return outcome.ok ? redirect(outcome.redirectTo) : invalid(context, outcome);
  };
}

/**
 * The action of a change to an active share (its parts, how long it lasts):
 * the page again with its errors; for a share that stopped or ended meanwhile,
 * the page loaded again, which says so; else "Who has your story", saying what
 * `done` says was done, if anything.
 */
export function shareChangeAction(change: (action: ShareAction & { form: FormData }) => ChangeOutcome, done: (changed: boolean) => ShareDone["done"] | null) {
  return async ({ request, params, context }: ActionFunctionArgs) => {
    const { story, action } = requireShareOfOwnStory(request, params);
    const outcome = change({ ...action, form: await readForm(request) });
    if ("errors" in outcome) return invalid(context, outcome);
    if (!outcome.ok) return null;
    const kind = done(outcome.changed);
    return redirect(sharesPath(story.id, kind ? { done: kind, share: action.shareId } : undefined));
  };
}
