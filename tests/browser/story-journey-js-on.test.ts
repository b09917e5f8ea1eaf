/** A resident writing their story (story-journey.ts) on a phone with JavaScript on, in Welsh. */
import { phoneRun } from "#tests/support/journey";
import { storyJourney } from "./story-journey";

storyJourney(phoneRun(true));
