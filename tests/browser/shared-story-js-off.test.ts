/**
 * A professional reading a shared story (shared-story.ts) with JavaScript off:
 * at 375 px in Welsh and at 1280 px in English; finishing reading on a phone;
 * a connection that tries too many links leading nowhere; and the summary of
 * a whole story printed to PDF.
 */
import { openPortal } from "#tests/support/journey";
import { afterFinishingReading, printedWholeStory, readingASharedStory, tooManyLinksLeadingNowhere } from "./shared-story";

const server = openPortal();
readingASharedStory(server, false);
tooManyLinksLeadingNowhere();
afterFinishingReading(server, false);
printedWholeStory(server);
