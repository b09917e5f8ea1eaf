import { recordAuditEvent } from "#app/models/audit.server";
import { findResidentByEmail, setResidentEmail } from "#app/models/resident.server";
import { findEmailChangeCode } from "#app/models/sign-in-code.server";
import { sha256 } from "#app/lib/sha256.server";
import type { Language } from "#app/i18n/i18n";
import { queueEmail } from "#app/services/mail/templates.server";
import { checkCode, issueCode, normaliseEmail, type CodeFailure, type CodeRefusal } from "#app/services/sign-in.server";
import { db } from "#db/client.server";

/**
 * Changing the address an account signs in with: a code sent to the new
 * address proves the person can read it; once it is entered, the account
 * takes the address and the old one is told. The same codes, limits and
 * tries as signing in (sign-in.server.ts). Whether another account has the
 * address is said only once the code proves the person owns it.
 */

type RequestOutcome = { ok: true; token: string } | { ok: false; reason: CodeRefusal | "same" };

export async function requestEmailChange(input: {
  resident: { id: string; email: string };
  email: string;
  ip: string;
  language: Language;
  /** The token of a code this browser was sent before for the same change, which the new one replaces. */
  replacing: string | null;
  now?: Date;
}): Promise<RequestOutcome> {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.email);
  if (email === input.resident.email) return { ok: false, reason: "same" };
  return db.transaction(async (tx): Promise<RequestOutcome> => {
    const issued = await issueCode(tx, {
      email,
      ip: input.ip,
      language: input.language,
      returnTo: null,
      shareAccessId: null,
      changesEmailOf: input.resident.id,
      replacing: input.replacing ? sha256(input.replacing) : null,
      now,
    });
    if (!issued.ok) return issued;
    await queueEmail(tx, { to: email, template: "email-change-code", language: input.language, personalisation: { code: issued.code } });
    await recordAuditEvent("email_change_code_sent", { resident: input.resident.id }, tx);
    return { ok: true, token: issued.token };
  });
}

/** The new address a pending change sent its code to, for "Check your email"; null when there is none for this account. */
export async function pendingEmailChange(token: string | null, residentId: string): Promise<{ email: string } | null> {
  if (!token) return null;
  const row = await findEmailChangeCode(db, sha256(token), residentId);
  return row && !row.usedAt ? { email: row.email } : null;
}

type ConfirmOutcome = { ok: true; email: string } | { ok: false; reason: CodeFailure | "taken" };

export async function confirmEmailChange(input: {
  resident: { id: string; email: string; language: Language };
  token: string | null;
  code: string;
  ip: string;
  now?: Date;
}): Promise<ConfirmOutcome> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx): Promise<ConfirmOutcome> => {
      const row = input.token ? await findEmailChangeCode(tx, sha256(input.token), input.resident.id) : undefined;
      const checked = await checkCode(tx, row, input.code, input.ip, now);
      if (!checked.ok) return checked;
      const email = checked.row.email;
      // Undone, code and all, so the page can say so and the person still holds a code for this change.
      if (await findResidentByEmail(tx, email)) throw TAKEN;
      await setResidentEmail(tx, input.resident.id, email);
      await queueEmail(tx, { to: input.resident.email, template: "email-changed", language: input.resident.language, personalisation: {} });
      await recordAuditEvent("email_changed", { resident: input.resident.id }, tx);
      return { ok: true, email };
    });
  } catch (thrown) {
    if (thrown === TAKEN) return { ok: false, reason: "taken" };
    throw thrown;
  }
}

/** Thrown to roll back a confirmation whose address another account has. */
const TAKEN = Symbol("taken");
