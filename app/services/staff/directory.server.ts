import { findAgency, findAgencyByKey, setAgencyActive, updateAgency, upsertAgencies, type Agency, type AgencyChanges } from "#app/models/agency.server";
import { recordAuditEvent } from "#app/models/audit.server";
import { importAgencyFile } from "#app/services/agency-import.server";
import type { Localised } from "#app/i18n/localised";
import { db, oneAtATime } from "#db/client.server";
import type { AgencyForm } from "./agency-forms.server";

/*
 * The staff area's changes to the agency directory. Each is one transaction
 * with its audit event, which names the agency by id and the member of staff
 * by reference (never an address, nor what was typed). Agencies are never
 * deleted: shares and consent records point at them. One that is no longer
 * offered keeps its existing shares, whose links work until they end.
 */

type Staff = { reference: string };

/** The fields of an agency that differ between `before` and `after`: what the audit log says changed. */
function changedFields(before: Agency, after: AgencyChanges): string[] {
  const fields = ["name", "nameCy", "description", "descriptionCy", "contactEmail", "domains", "addresses"] as const;
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** Adds an agency offered to residents at once: its id, or "key-taken" when another agency already has the key. */
export async function addAgency(
  form: AgencyForm & { key: string },
  staff: Staff,
  now = new Date(),
): Promise<{ ok: true; id: string } | { ok: false; reason: "key-taken" }> {
  return db.transaction(async (tx) => {
    // Two members of staff adding the same key at once: the second finds it taken.
    await oneAtATime(tx, "agencies");
    if (await findAgencyByKey(form.key, tx)) return { ok: false as const, reason: "key-taken" as const };
    await upsertAgencies(tx, [{ ...form, active: true }], now);
    const added = (await findAgencyByKey(form.key, tx))!;
    await recordAuditEvent("agency_added", { agency: added.id, staff: staff.reference }, tx);
    return { ok: true as const, id: added.id };
  });
}

/** Changes an agency's details (not its key): false when there is no such agency. Nothing is written when nothing changed. */
export async function changeAgency(id: string, form: AgencyForm, staff: Staff, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    await oneAtATime(tx, "agencies");
    const before = await findAgency(id, tx);
    if (!before) return false;
    const changed = changedFields(before, form);
    if (changed.length === 0) return true;
    await updateAgency(tx, id, form, now);
    // Domains and addresses decide who can read a shared story as the agency's staff: the log says which fields changed, not to what.
    await recordAuditEvent("agency_changed", { agency: id, staff: staff.reference, fields: changed.join(",") }, tx);
    return true;
  });
}

/**
 * Stops offering an agency to residents for new shares (`offered` false), or
 * offers it again. Its existing shares carry on until they end. Doing what is
 * already so changes nothing and is not logged.
 */
export async function offerAgency(id: string, offered: boolean, staff: Staff, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    if (await setAgencyActive(tx, id, offered, now)) {
      await recordAuditEvent(offered ? "agency_reactivated" : "agency_deactivated", { agency: id, staff: staff.reference }, tx);
    }
  });
}

/** Imports a council's agency file sent through the staff area, by the command's all-or-nothing rules. */
export async function importAgenciesFrom(contents: string, staff: Staff, now = new Date()) {
  const outcome = await importAgencyFile(contents, now, { staff: staff.reference });
  // A file refused changed nothing, but that someone tried is worth knowing.
  if (!outcome.ok) await recordAuditEvent("agencies_import_refused", { staff: staff.reference, problems: outcome.problems.length });
  return outcome;
}

/**
 * What an agency file sent by a form holds: its text, or why there is none to
 * read. The server has refused any body over 256 KB before this runs.
 */
export async function readAgencyFile(request: Request): Promise<{ ok: true; contents: string } | { ok: false; reason: "missing" | "unreadable" }> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return { ok: false, reason: "missing" };
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, reason: "missing" };
  try {
    return { ok: true, contents: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}

const DONE = ["added", "changed", "deactivated", "reactivated", "imported"] as const;

/**
 * What the directory page says was just done, from its address
 * (`?done=added&agency=<id>`, `?done=imported&created=3&updated=9`): words'
 * key, their values, and the agency's name where its language differs from
 * the page's. Nothing, for an address that names nothing done.
 */
export function directoryNotice(search: URLSearchParams, agencies: readonly { id: string; name: Localised }[]) {
  const done = DONE.find((kind) => kind === search.get("done"));
  if (!done) return null;
  if (done === "imported") {
    const [created, updated] = ["created", "updated"].map((name) => Number(search.get(name)));
    if (![created, updated].every((n) => Number.isInteger(n) && n >= 0)) return null;
    return { done, values: { count: created + updated, created, updated }, parts: [] };
  }
  const agency = agencies.find((one) => one.id === search.get("agency"));
  return agency ? { done, values: { agency: agency.name.text }, parts: [agency.name] } : null;
}
