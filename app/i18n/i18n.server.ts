import { env } from "#app/config/env.server";
import { isLanguage, translator, type Language, type Namespace, type Translations } from "./i18n";
import enAccessibility from "./locales/en/accessibility.json";
import enCommon from "./locales/en/common.json";
import enCookies from "./locales/en/cookies.json";
import enEmail from "./locales/en/email.json";
import enGovuk from "./locales/en/govuk.json";
import enAccount from "./locales/en/account.json";
import enHelpers from "./locales/en/helpers.json";
import enPrivacy from "./locales/en/privacy.json";
import enShared from "./locales/en/shared.json";
import enSharing from "./locales/en/sharing.json";
import enSignIn from "./locales/en/signIn.json";
import enStaff from "./locales/en/staff.json";
import enStart from "./locales/en/start.json";
import enStory from "./locales/en/story.json";
import cyAccessibility from "./locales/cy/accessibility.json";
import cyCommon from "./locales/cy/common.json";
import cyCookies from "./locales/cy/cookies.json";
import cyEmail from "./locales/cy/email.json";
import cyGovuk from "./locales/cy/govuk.json";
import cyAccount from "./locales/cy/account.json";
import cyHelpers from "./locales/cy/helpers.json";
import cyPrivacy from "./locales/cy/privacy.json";
import cyShared from "./locales/cy/shared.json";
import cySharing from "./locales/cy/sharing.json";
import cySignIn from "./locales/cy/signIn.json";
import cyStaff from "./locales/cy/staff.json";
import cyStart from "./locales/cy/start.json";
import cyStory from "./locales/cy/story.json";

export const resources = {
  en: {
    common: enCommon,
    govuk: enGovuk,
    start: enStart,
    cookies: enCookies,
    accessibility: enAccessibility,
    privacy: enPrivacy,
    email: enEmail,
    signIn: enSignIn,
    story: enStory,
    sharing: enSharing,
    shared: enShared,
    helpers: enHelpers,
    account: enAccount,
    staff: enStaff,
  },
  cy: {
    common: cyCommon,
    govuk: cyGovuk,
    start: cyStart,
    cookies: cyCookies,
    accessibility: cyAccessibility,
    privacy: cyPrivacy,
    email: cyEmail,
    signIn: cySignIn,
    story: cyStory,
    sharing: cySharing,
    shared: cyShared,
    helpers: cyHelpers,
    account: cyAccount,
    staff: cyStaff,
  },
} satisfies Record<Language, Record<Namespace, Record<string, unknown>>>;

const COOKIE = "lang";
const ONE_YEAR = 60 * 60 * 24 * 365;

/** The `?lang=` a request asks for: a language, nothing, or something we do not have. */
export function requestedLanguage(request: Request): Language | null | "unknown" {
  const asked = new URL(request.url).searchParams.get("lang");
  if (asked === null) return null;
  return isLanguage(asked) ? asked : "unknown";
}

/** The language to answer in: the one asked for in the address, then the remembered one, then the browser's. */
export function languageFor(request: Request): Language {
  const asked = requestedLanguage(request);
  if (asked && asked !== "unknown") return asked;
  const cookie = request.headers.get("Cookie")?.match(/(?:^|;\s*)lang=([a-z]{2})(?:;|$)/)?.[1];
  if (isLanguage(cookie)) return cookie;
  const accept = request.headers.get("Accept-Language") ?? "";
  const firstKnown = accept
    .split(",")
    .map((part) => part.trim().slice(0, 2).toLowerCase())
    .find(isLanguage);
  return firstKnown ?? "en";
}

/** A Set-Cookie value remembering the language chosen in the address, if one was. */
export function languageCookie(request: Request): string | null {
  const asked = requestedLanguage(request);
  if (!asked || asked === "unknown") return null;
  const secure = env.PUBLIC_URL.startsWith("https:") ? "; Secure" : "";
  return `${COOKIE}=${asked}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax; HttpOnly${secure}`;
}

export function translationsFor(lang: Language, namespaces: Namespace[]): Translations {
  return { lang, bundles: Object.fromEntries(namespaces.map((ns) => [ns, resources[lang][ns]])) };
}

/** What a page loader sends so its component can translate its own namespace. */
export function pageTranslations(request: Request, ...namespaces: Namespace[]): { translations: Translations } {
  return { translations: translationsFor(languageFor(request), namespaces) };
}

/** A `t` for server-side text such as emails. */
export function serverT(lang: Language, ...namespaces: Namespace[]) {
  return translator([translationsFor(lang, namespaces)]);
}

/** The configured names in the language of the page. */
export function serviceNames(lang: Language) {
  return lang === "cy"
    ? { service: env.SERVICE_NAME_CY, organisation: env.ORGANISATION_NAME_CY }
    : { service: env.SERVICE_NAME, organisation: env.ORGANISATION_NAME };
}
