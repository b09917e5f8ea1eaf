import type { TFunction } from "i18next";
import { formatDate } from "#app/i18n/dates";
import type { Language } from "#app/i18n/i18n";
import { serverT, serviceNames } from "#app/i18n/i18n.server";
import { insertOutboxEmail } from "#app/models/outbox.server";
import type { Tx } from "#db/client.server";

type Names = ReturnType<typeof serviceNames>;

type TemplateDefinition<Field extends string, Welsh extends Field = never> = {
  /** What the caller supplies when queueing. Never story content: an email can be read by anyone who sees the inbox. */
  fields: readonly Field[];
  /**
   * Fields that also come in Welsh, as `<field>Cy` (an agency's name: agencyName), for the Welsh part of a
   * bilingual email; a row queued without one (an older row) uses the English there.
   */
  welsh?: readonly Welsh[];
  /** Fields blanked in the outbox once the email is sent or given up on, so the table never keeps a usable secret (by default none). */
  secret?: readonly Field[];
  /** Fields holding a moment (an ISO 8601 string), written as a date in each language the email is written in. */
  dates?: readonly Field[];
  /**
   * Written in English and Welsh, the queued language first: for an agency's
   * inbox, whose language the service does not know.
   */
  bilingual?: true;
  /** The subject and the paragraphs of the plain-text body, in the recipient's language. */
  render(t: TFunction, values: Record<Field, string> & Names): { subject: string; paragraphs: string[] };
};

// Lets TypeScript infer each template's field names from its `fields` and `welsh` lists.
function define<Field extends string, Welsh extends Field = never>(definition: TemplateDefinition<Field, Welsh>): TemplateDefinition<Field, Welsh> {
  return definition;
}

/** An agency's notice about one share, named only by the agency and the day it was shared, in both languages. */
const aboutOneShare = {
  fields: ["agency", "sharedOn"],
  dates: ["sharedOn"],
  bilingual: true,
  welsh: ["agency"],
} as const satisfies Omit<TemplateDefinition<"agency" | "sharedOn", "agency">, "render">;

/** An email that carries a code: what it is for, the code on a line of its own, how long it lasts, and what to do if it was not asked for. */
function codeEmail(key: "signInCode" | "staffSignInCode" | "emailChangeCode") {
  return define({
    fields: ["code"],
    secret: ["code"],
    render: (t, values) => ({
      subject: t(`email:${key}.subject`, values),
      paragraphs: [t(`email:${key}.intro`, values), values.code, t(`email:${key}.expiry`), t(`email:${key}.ignore`, values)],
    }),
  });
}

/** Every email the service sends. A new email is one entry here plus its strings in locales/{en,cy}/email.json. */
const templates = {
  "sign-in-code": codeEmail("signInCode"),
  // To a member of the council's staff listed in ADMIN_EMAILS: the code for the staff area, never sent to anyone else.
  "staff-sign-in-code": codeEmail("staffSignInCode"),
  // To an agency's contact inbox: no story content, not even a name; the link is the only way in.
  "share-link": define({
    fields: ["agency", "link", "endsOn"],
    secret: ["link"],
    dates: ["endsOn"],
    bilingual: true,
    welsh: ["agency"],
    render: (t, values) => ({
      subject: t("email:shareLink.subject", values),
      paragraphs: [
        t("email:shareLink.intro", values),
        t("email:shareLink.open"),
        values.link,
        t("email:shareLink.verify", values),
        t("email:shareLink.until", values),
        t("email:shareLink.private", values),
      ],
    }),
  }),
  // To the resident: who has which parts (by name of part, never their content), until when, and how to stop.
  "share-receipt": define({
    fields: ["shares", "endsOn", "manageLink"],
    render: (t, values) => ({
      subject: t("email:shareReceipt.subject", values),
      paragraphs: [
        t("email:shareReceipt.intro", values),
        t("email:shareReceipt.shared"),
        values.shares,
        t("email:shareReceipt.until", values),
        t("email:shareReceipt.stop"),
        values.manageLink,
        t("email:shareReceipt.notYou", values),
      ],
    }),
  }),
  // To an agency's inbox when the person stops sharing: which share only by agency and date, never who or what.
  "share-stopped": define({
    ...aboutOneShare,
    render: (t, values) => ({
      subject: t("email:shareStopped.subject", values),
      paragraphs: [t("email:shareStopped.intro", values), t("email:shareStopped.link"), t("email:shareStopped.saved", values)],
    }),
  }),
  // To an agency's inbox when a story they follow has a new version; the link they already have shows it.
  "share-updated": define({
    ...aboutOneShare,
    render: (t, values) => ({
      subject: t("email:shareUpdated.subject", values),
      paragraphs: [t("email:shareUpdated.intro", values), t("email:shareUpdated.open"), t("email:shareUpdated.lost")],
    }),
  }),
  // To a professional proving their work address: the code, and which agency asked, never whose story.
  "access-code": define({
    fields: ["code", "agency"],
    secret: ["code"],
    render: (t, values) => ({
      subject: t("email:accessCode.subject", values),
      paragraphs: [t("email:accessCode.intro", values), values.code, t("email:accessCode.expiry"), t("email:accessCode.ignore")],
    }),
  }),
  // To the resident when a professional says the story reached them: who replied; the message itself waits behind sign-in.
  "share-received": define({
    fields: ["agency", "name", "role", "manageLink"],
    render: (t, values) => ({
      subject: t("email:shareReceived.subject", values),
      paragraphs: [t("email:shareReceived.intro", values), t("email:shareReceived.see"), values.manageLink, t("email:shareReceived.notYou", values)],
    }),
  }),
  // To the writer of a child's story, 30 days before the child is 16. Names neither the child nor the story.
  "basis-ending": define({
    fields: ["endsOn", "storiesLink"],
    dates: ["endsOn"],
    render: (t, values) => ({
      subject: t("email:basisEnding.subject", values),
      paragraphs: [t("email:basisEnding.intro", values), t("email:basisEnding.after"), t("email:basisEnding.see"), values.storiesLink],
    }),
  }),
  // To someone invited to help with a story: who asked and what they could do, never whose story or what is in it.
  "helper-invitation": define({
    fields: ["inviter", "role", "link", "expiresOn"],
    dates: ["expiresOn"],
    render: (t, values) => ({
      subject: t("email:helperInvitation.subject", values),
      paragraphs: [
        t("email:helperInvitation.intro", values),
        t(values.role === "editAndShare" ? "email:helperInvitation.editAndShare" : "email:helperInvitation.edit"),
        t("email:helperInvitation.signIn"),
        values.link,
        t("email:helperInvitation.expires", values),
        t("email:helperInvitation.ignore"),
      ],
    }),
  }),
  // To the person a story is about, invited to take it over: who asked, never what the story holds.
  "take-over-invitation": define({
    fields: ["inviter", "link", "expiresOn"],
    dates: ["expiresOn"],
    render: (t, values) => ({
      subject: t("email:takeOverInvitation.subject", values),
      paragraphs: [
        t("email:takeOverInvitation.intro", values),
        t("email:takeOverInvitation.what", values),
        t("email:helperInvitation.signIn"),
        values.link,
        t("email:helperInvitation.expires", values),
        t("email:helperInvitation.ignore"),
      ],
    }),
  }),
  // To an agency's inbox when the person a story is about takes it over from whoever wrote it for them.
  "story-handed-over": define({
    ...aboutOneShare,
    render: (t, values) => ({
      subject: t("email:storyHandedOver.subject", values),
      paragraphs: [t("email:storyHandedOver.intro", values), t("email:storyHandedOver.link")],
    }),
  }),
  // To a new address a resident wants to sign in with: the code that confirms it.
  "email-change-code": codeEmail("emailChangeCode"),
  // To the old address once a resident's address has changed: not the new address, which is theirs alone.
  "email-changed": define({
    fields: [],
    render: (t, values) => ({
      subject: t("email:emailChanged.subject", values),
      paragraphs: [t("email:emailChanged.intro", values), t("email:emailChanged.notYou", values)],
    }),
  }),
  // To an account not used for the retention period, 30 days before it is deleted.
  "account-inactive": define({
    fields: ["deletesOn", "months", "signInLink"],
    dates: ["deletesOn"],
    render: (t, values) => ({
      subject: t("email:accountInactive.subject", values),
      paragraphs: [t("email:accountInactive.intro", values), t("email:accountInactive.when", values), t("email:accountInactive.keep"), values.signInLink],
    }),
  }),
  // To the resident when a share reaches its end date.
  "share-ended": define({
    fields: ["agency", "manageLink"],
    render: (t, values) => ({
      subject: t("email:shareEnded.subject", values),
      paragraphs: [t("email:shareEnded.intro", values), t("email:shareEnded.again"), values.manageLink],
    }),
  }),
};

type EmailTemplate = keyof typeof templates;

type WelshFields<T extends EmailTemplate> = (typeof templates)[T] extends TemplateDefinition<string, infer Welsh> ? Welsh : never;

/** The values `template` needs, by name, with the Welsh of those that have it. */
type Personalisation<T extends EmailTemplate> = Record<(typeof templates)[T]["fields"][number] | `${WelshFields<T>}Cy`, string>;

type RenderedEmail = { subject: string; body: string };

function isEmailTemplate(name: string): name is EmailTemplate {
  return Object.hasOwn(templates, name);
}

/**
 * The email as the recipient reads it. Takes the stored row's loose types,
 * since an outbox row may outlive a change to the templates; errors name the
 * problem, never a value.
 */
export function renderEmail(template: string, language: Language, personalisation: Record<string, string>): RenderedEmail {
  if (!isEmailTemplate(template)) throw new Error(`There is no email template called "${template}"`);
  const definition: TemplateDefinition<string, string> = templates[template];
  const missing = definition.fields.filter((field) => typeof personalisation[field] !== "string" || personalisation[field] === "");
  if (missing.length > 0) throw new Error(`The "${template}" email is missing ${missing.join(", ")}`);
  const languages: Language[] = definition.bilingual ? [language, language === "en" ? "cy" : "en"] : [language];
  const written = languages.map((lang) => {
    const t = serverT(lang, "email");
    const names = serviceNames(lang);
    const values = { ...withDates(personalisation, definition.dates ?? [], lang), ...(lang === "cy" ? inWelsh(personalisation, definition.welsh ?? []) : {}) };
    const { subject, paragraphs } = definition.render(t, { ...values, ...names });
    return { subject, body: [...paragraphs, t("email:signOff", names)].join("\n\n") };
  });
  // "---" is a line across in Notify's formatting, and reads as one in plain text.
  return { subject: written.map((w) => w.subject).join(" / "), body: written.map((w) => w.body).join("\n\n---\n\n") };
}

/** The Welsh given for `fields`, under their own names. */
function inWelsh(personalisation: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.filter((field) => personalisation[`${field}Cy`]).map((field) => [field, personalisation[`${field}Cy`]]));
}

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Date fields written as a date in `lang`; a value that is not a moment (an older row's words) is kept as it is. */
function withDates(personalisation: Record<string, string>, dates: readonly string[], lang: Language): Record<string, string> {
  const values = { ...personalisation };
  for (const field of dates) {
    if (ISO_MOMENT.test(values[field] ?? "")) values[field] = formatDate(new Date(values[field]), lang);
  }
  return values;
}

/** The personalisation worth keeping once an email is finished with: secrets blanked, or everything if the template is unknown. */
export function withoutSecrets(template: string, personalisation: Record<string, string>): Record<string, string> {
  const secret: readonly string[] = isEmailTemplate(template) ? (templates[template].secret ?? []) : Object.keys(personalisation);
  return Object.fromEntries(Object.entries(personalisation).map(([key, value]) => [key, secret.includes(key) ? "" : value]));
}

/**
 * Queues an email as part of the caller's transaction, so the email exists
 * exactly when the event that causes it does. Sending happens later, outside
 * any transaction: a slow mail server never holds the database.
 */
export async function queueEmail<T extends EmailTemplate>(
  tx: Tx,
  email: { to: string; template: T; language: Language; personalisation: Personalisation<T> },
): Promise<void> {
  await insertOutboxEmail(tx, email);
}
