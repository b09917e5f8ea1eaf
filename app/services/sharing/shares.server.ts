import type { TFunction } from "i18next";
import { agencyName, agencyNamesForEmail, type Agency } from "#app/models/agency.server";
import { formatDate } from "#app/i18n/dates";
import type { Language } from "#app/i18n/i18n";
import { serverT } from "#app/i18n/i18n.server";
import type { Localised } from "#app/i18n/localised";
import { recordAuditEvent } from "#app/models/audit.server";
import { insertConsentRecord } from "#app/models/consent.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { newToken } from "#app/models/session.server";
import { insertShare } from "#app/models/share.server";
import { contactWays, partNames, writtenBy } from "#app/i18n/story-words";
import { sharesPath } from "#app/paths";
import { deleteShareDraft } from "#app/models/share-draft.server";
import { findStory, type StoryForResident } from "#app/models/story.server";
import type { ContactMethod } from "#app/models/story-sections";
import type { Writer } from "#app/models/subject";
import { CONSENT_WORDING_VERSION, mayShare } from "#app/services/sharing/consent-rules";
import { roleIn } from "#app/services/sharing/permissions";
import { readyToAgree, shareChoices, type CompleteChoices } from "#app/services/sharing/journey.server";
import { env } from "#app/config/env.server";
import { sha256 } from "#app/lib/sha256.server";
import { db, type Tx } from "#db/client.server";

/**
 * The one purpose of every share, in `lang`. Each share and consent record
 * keeps it in the words agreed; as it is the same purpose for every share, a
 * page shows it from here in the reader's language.
 */
export function sharePurpose(lang: Language, agency: Pick<Agency, "name" | "nameCy">): string {
  return serverT(lang, "sharing")("sharing:purpose", { agency: agencyName(agency, lang).text });
}

function contactWords(t: TFunction, contact: { allowed: boolean; methods: readonly ContactMethod[] }): string {
  if (!contact.allowed) return t("sharing:declaration.contactNo");
  return t("sharing:declaration.contactYes", { methods: contactWays(t, contact.methods) });
}

/** A paragraph, or a bulleted list. */
type DeclarationParagraph = string | string[];

/**
 * What the person agrees to for one agency: shown on the page, and kept word
 * for word in its consent record. `agency` is its name as the words give it.
 */
type DeclarationBlock = { agencyId: string; agency: Localised; heading: string; paragraphs: DeclarationParagraph[]; wording: string; wordingHash: string };

/** The exact words of a block as one text: a line per paragraph or list item, list items marked "• ". */
function wordingOf(heading: string, paragraphs: DeclarationParagraph[]): string {
  return [heading, ...paragraphs.flatMap((paragraph) => (Array.isArray(paragraph) ? paragraph.map((item) => `• ${item}`) : [paragraph]))].join("\n");
}

/**
 * The consent declaration, one block per agency, in `lang`, from the choices:
 * the agency, the parts, the purpose, the end date, updates, contact, that the
 * agency then keeps what it needs under its own rules, and how to stop.
 * `hash` covers every block, so the page can send back what it showed.
 */
export function declarationFor(
  choices: CompleteChoices,
  lang: Language,
  writer: Writer,
  /** The name of the helper agreeing, when it is not the owner. */
  helper: string | null = null,
): { blocks: DeclarationBlock[]; hash: string } {
  const t = serverT(lang, "sharing", "story");
  // Written for someone else: who agrees, for whom and on what basis, and for "they asked me to help", that they agreed.
  // Agreed by a helper: who they are, and that the story's manager let them share it.
  const onBehalf: DeclarationParagraph[] = [
    ...(writer.basis === "self" ? [] : [t("sharing:declaration.onBehalf", { writtenBy: writtenBy(writer, t) })]),
    ...(helper === null ? [] : [t("sharing:declaration.byHelper", { helper })]),
    ...(writer.basis === "asked" ? [t("sharing:declaration.personAgreed", { name: writer.name ?? "" })] : []),
  ];
  const date = formatDate(choices.endsAt, lang);
  const blocks = choices.agencies.map(({ agency, sections }) => {
    const name = agencyName(agency, lang);
    const values = { agency: name.text };
    const heading = t("sharing:declaration.heading", values);
    const paragraphs: DeclarationParagraph[] = [
      t("sharing:declaration.parts", values),
      partNames(t, sections),
      t("sharing:declaration.purpose", { purpose: sharePurpose(lang, agency) }),
      t("sharing:declaration.until", { date }),
      t(choices.keepUpToDate ? "sharing:declaration.keepUpToDate" : "sharing:declaration.versionOnly"),
      contactWords(t, choices.contact),
      t("sharing:declaration.ownRules", values),
      t("sharing:declaration.stop", values),
      ...onBehalf,
      t("sharing:declaration.agree", values),
    ];
    const wording = wordingOf(heading, paragraphs);
    return { agencyId: agency.id, agency: name, heading, paragraphs, wording, wordingHash: sha256(wording) };
  });
  return { blocks, hash: sha256(blocks.map((block) => block.wordingHash).join("\n")) };
}

/** The helper's name when the person agreeing helps with the story rather than owns it; null for the owner. */
export function helperAgreeing(story: Pick<StoryForResident, "ownerId" | "helperName">, residentId: string): string | null {
  return story.ownerId === residentId ? null : (story.helperName ?? "");
}

/** The link an agency opens: the only place the token ever exists, apart from the email that carries it. */
function shareLink(token: string): string {
  return `${env.PUBLIC_URL}/shared/${token}`;
}

/** Sends an agency's inbox the link to a share (the only way in), in the caller's transaction; gives the link. */
export async function emailShareLink(
  tx: Tx,
  agency: Pick<Agency, "name" | "nameCy" | "contactEmail">,
  token: string,
  endsAt: Date,
  lang: Language,
): Promise<string> {
  const link = shareLink(token);
  await queueEmail(tx, {
    to: agency.contactEmail,
    template: "share-link",
    language: lang,
    personalisation: { ...agencyNamesForEmail(agency), link, endsOn: endsAt.toISOString() },
  });
  return link;
}

export type SharedWith = { shareId: string; agencyName: Localised; link: string };

type AgreeOutcome =
  | { ok: true; shared: SharedWith[] }
  | { ok: false; reason: "not-published" | "no-draft" | "changed" | "not-agreed" }
  | { ok: false; reason: "incomplete"; redirectTo: string };

/**
 * "Agree and share", in one transaction: for each agency a share (of the
 * latest published version, reached by a link whose token is kept only as its
 * SHA-256), a `given` consent record holding the words shown, the link
 * emailed to the agency's inbox and an audit event; then one receipt email to
 * the resident, and the draft is gone. `shownHash` is the declaration's hash as
 * the page showed it: if the words would now differ (the choices changed in
 * another tab, or the day turned), nothing is shared and the person reads them again.
 * The links are returned once, for the confirmation page, and kept nowhere.
 */
export async function agreeAndShare({
  storyId,
  resident,
  shownHash,
  personAgreed = false,
  lang,
  now = new Date(),
}: {
  storyId: string;
  resident: { id: string; email: string };
  shownHash: string;
  /** For a story written because the person asked for help: the writer confirms the person agreed to this sharing. */
  personAgreed?: boolean;
  lang: Language;
  now?: Date;
}): Promise<AgreeOutcome> {
  return db.transaction(async (tx): Promise<AgreeOutcome> => {
    const story = await findStory(storyId, resident.id, tx);
    if (!story || mayShare(story, roleIn(story, resident.id), now) !== "ok" || story.latestVersion === null) return { ok: false, reason: "not-published" };
    const draft = await shareChoices(storyId, tx);
    if (!draft) return { ok: false, reason: "no-draft" };
    const ready = await readyToAgree(storyId, draft, now);
    if (!ready.ok) return { ok: false, reason: "incomplete", redirectTo: ready.redirectTo };
    const choices = ready.choices;
    const declaration = declarationFor(choices, lang, story.subject, helperAgreeing(story, resident.id));
    if (declaration.hash !== shownHash) return { ok: false, reason: "changed" };
    if (story.subject.basis === "asked" && !personAgreed) return { ok: false, reason: "not-agreed" };

    const t = serverT(lang, "sharing", "story");
    const endsOn = formatDate(choices.endsAt, lang);
    const shared: SharedWith[] = [];
    for (const [index, { agency, sections }] of choices.agencies.entries()) {
      const block = declaration.blocks[index];
      const purpose = sharePurpose(lang, agency);
      const { token, hash } = newToken();
      const shareId = await insertShare(
        tx,
        {
          storyId,
          agencyId: agency.id,
          sections,
          purpose,
          version: story.latestVersion!,
          keepUpToDate: choices.keepUpToDate,
          contactAllowed: choices.contact.allowed,
          contactMethods: choices.contact.methods,
          endsAt: choices.endsAt,
          tokenHash: hash,
          createdBy: resident.id,
        },
        now,
      );
      const consentId = await insertConsentRecord(tx, {
        shareId,
        kind: "given",
        agreedBy: resident.id,
        subjectId: story.subject.id,
        basis: story.subject.basis,
        agencyId: agency.id,
        sections,
        purpose,
        wording: block.wording,
        wordingVersion: CONSENT_WORDING_VERSION,
        wordingHash: block.wordingHash,
        language: lang,
        method: "online",
        endsAt: choices.endsAt,
        recordedAt: now,
      });
      const link = await emailShareLink(tx, agency, token, choices.endsAt, lang);
      await recordAuditEvent("story_shared", { resident: resident.id, story: storyId, share: shareId, agency: agency.id, consent: consentId }, tx);
      shared.push({ shareId, agencyName: block.agency, link });
    }

    await queueEmail(tx, {
      to: resident.email,
      template: "share-receipt",
      language: lang,
      personalisation: {
        shares: choices.agencies.map(({ agency, sections }) => `${agencyName(agency, lang).text}: ${partNames(t, sections).join(", ")}`).join("\n"),
        endsOn,
        manageLink: `${env.PUBLIC_URL}${sharesPath(storyId)}`,
      },
    });
    await deleteShareDraft(tx, storyId);
    return { ok: true, shared };
  });
}
