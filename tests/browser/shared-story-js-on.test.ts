/** A professional reading a shared story (shared-story.ts) with JavaScript on: at 375 px in English and at 1280 px in Welsh, and finishing reading on a phone. */
import { openPortal } from "#tests/support/journey";
import { afterFinishingReading, readingASharedStory } from "./shared-story";

const server = openPortal();
readingASharedStory(server, true);
afterFinishingReading(server, true);
