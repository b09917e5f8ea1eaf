import type { TFunction } from "i18next";
import type { Language } from "#app/i18n/i18n";
import { serverT, serviceNames } from "#app/i18n/i18n.server";

type Names = ReturnType<typeof serviceNames>;

type TemplateDefinition<Field extends string> = {
  /** What the caller supplies when queueing. Never story content: an email can be read by anyone who sees the inbox. */
  fields: readonly Field[];
  /** Fields blanked in the outbox once the email is sent or given up on, so the table never keeps a usable secret. */
  secret: readonly Field[];
  /** The subject and the paragraphs of the plain-text body, in the recipient's language. */
  render(t: TFunction, values: Record<Field, string> & Names): { subject: string; paragraphs: string[] };
};

// Lets TypeScript infer each template's field names from its `fields` list.
function define<Field extends string>(definition: TemplateDefinition<Field>): TemplateDefinition<Field> {
  return definition;
}

/** Every email the service sends. A new email is one entry here plus its strings in locales/{en,cy}/email.json. */
const templates = {
  "sign-in-code": define({
    fields: ["code"],
    secret: ["code"],
    render: (t, values) => ({
      subject: t("email:signInCode.subject", values),
      paragraphs: [t("email:signInCode.intro", values), values.code, t("email:signInCode.expiry"), t("email:signInCode.ignore")],
    }),
  }),
};

export type EmailTemplate = keyof typeof templates;

/** The values `template` needs, by name. */
export type Personalisation<T extends EmailTemplate> = Record<(typeof templates)[T]["fields"][number], string>;

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
  const definition: TemplateDefinition<string> = templates[template];
  const missing = definition.fields.filter((field) => typeof personalisation[field] !== "string" || personalisation[field] === "");
  if (missing.length > 0) throw new Error(`The "${template}" email is missing ${missing.join(", ")}`);
  const t = serverT(language, "email");
  const names = serviceNames(language);
  const { subject, paragraphs } = definition.render(t, { ...personalisation, ...names });
  return { subject, body: [...paragraphs, t("email:signOff", names)].join("\n\n") };
}

/** The personalisation worth keeping once an email is finished with: secrets blanked, or everything if the template is unknown. */
export function withoutSecrets(template: string, personalisation: Record<string, string>): Record<string, string> {
  const secret: readonly string[] = isEmailTemplate(template) ? templates[template].secret : Object.keys(personalisation);
  return Object.fromEntries(Object.entries(personalisation).map(([key, value]) => [key, secret.includes(key) ? "" : value]));
}
