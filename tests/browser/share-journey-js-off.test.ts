/** A resident sharing their story (share-journey.ts) on a phone with JavaScript off, in English. */
import { phoneRun } from "#tests/support/journey";
import { shareJourney } from "./share-journey";

shareJourney(phoneRun(false));
