/**
 * The language of the person's own words. Safe for the browser. "About you"
 * asks which language the story is written in (`writtenIn`); publishing
 * records the language the person is using the service in when they have not
 * said (story.server.ts), as the question's hint tells them. Pages mark the
 * words with it (WCAG 3.1.2, language of parts), never guessing from the page.
 */
import type { Language } from "#app/i18n/i18n";
import type { StoryContent } from "./story-sections";

const WRITTEN_IN: Record<Language, string> = { en: "english", cy: "welsh" };

/** The answer to "Which language are you writing your story in?" that says `lang`. */
export function writtenInAnswer(lang: Language): string {
  return WRITTEN_IN[lang];
}

/**
 * The `lang` attribute for the person's words in `content`: "en" or "cy" as
 * they said, or `unsaid` when they have not (a draft not yet published is
 * marked as the language it would be recorded in). "" says the language is
 * not known: another language, or a version published before the question
 * was asked, which is better than calling it English or Welsh wrongly.
 */
export function wordsLanguage(content: StoryContent, unsaid: Language | ""): Language | "" {
  const answer = content.about?.writtenIn;
  if (answer === undefined) return unsaid;
  return answer === WRITTEN_IN.en ? "en" : answer === WRITTEN_IN.cy ? "cy" : "";
}
