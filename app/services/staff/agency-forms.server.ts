import { z } from "zod";
import { AGENCY_LIMITS, domainName } from "#app/services/agency-import.server";
import { multiLine, oneLine } from "#app/web/form.server";

/*
 * The staff area's form for one agency, with the import file's rules
 * (agency-import.server.ts) and messages in both languages (keys in
 * locales/{en,cy}/staff.json). Domains and single addresses are typed one a
 * line (commas and spaces also separate them), and stored in lower case
 * without repeats.
 */

const errors = "staff:agency.errors";

const required = (field: string, max: number) =>
  oneLine(`${errors}.characters`)
    .pipe(z.string().min(1, { error: `${errors}.${field}Required` }))
    .pipe(z.string().max(max, { error: `${errors}.${field}TooLong` }));

const optional = (field: string, max: number) =>
  oneLine(`${errors}.characters`)
    .pipe(z.string().max(max, { error: `${errors}.${field}TooLong` }))
    .transform((value) => (value === "" ? null : value));

/** The items of a list typed one a line (or separated by commas, semicolons or spaces), lower-cased, each once. */
function listOf(field: "domains" | "addresses", check: (item: string) => string | null) {
  return multiLine(`${errors}.characters`).transform((value, ctx) => {
    const items = [
      ...new Set(
        value
          .split(/[\s,;]+/)
          .filter((item) => item !== "")
          .map((item) => item.toLowerCase()),
      ),
    ];
    for (const item of items) {
      const problem = check(item);
      if (problem) {
        ctx.addIssue({ code: "custom", message: `${errors}.${field}.${problem}`, params: { item } });
        return z.NEVER;
      }
    }
    return items;
  });
}

const domains = listOf("domains", (item) => (item.includes("@") ? "hasAt" : domainName.test(item) ? null : "format"));
const addresses = listOf("addresses", (item) => (z.email().safeParse(item).success && item.length <= 254 ? null : "format"));

const details = {
  name: required("name", AGENCY_LIMITS.name),
  nameCy: optional("nameCy", AGENCY_LIMITS.name),
  description: required("description", AGENCY_LIMITS.description),
  descriptionCy: optional("descriptionCy", AGENCY_LIMITS.description),
  contactEmail: oneLine(`${errors}.characters`).pipe(
    z
      .string()
      .min(1, { error: `${errors}.contactEmailRequired` })
      .max(254, { error: `${errors}.contactEmailFormat` })
      .pipe(z.email({ error: `${errors}.contactEmailFormat` }))
      .transform((value) => value.toLowerCase()),
  ),
  domains,
  addresses,
};

// Someone must be able to open the agency's links: a whole domain, or single addresses where its domain is shared with others.
const someoneCanOpen = (agency: { domains: string[]; addresses: string[] }) => agency.domains.length > 0 || agency.addresses.length > 0;
const nobodyCanOpen = { path: ["domains"], error: `${errors}.domains.required` };

/** Changing an agency: everything but its key. */
export const agencyForm = z.object(details).refine(someoneCanOpen, nobodyCanOpen);

/** Adding an agency: its key too, which import files use to name it, and which cannot change. */
export const newAgencyForm = z
  .object({
    key: oneLine(`${errors}.characters`)
      .pipe(z.string().min(1, { error: `${errors}.keyRequired` }))
      .pipe(z.string().max(60, { error: `${errors}.keyTooLong` }))
      .pipe(z.string().regex(/^[a-z0-9-]+$/, { error: `${errors}.keyFormat` })),
    ...details,
  })
  .refine(someoneCanOpen, nobodyCanOpen);

export type AgencyForm = z.output<typeof agencyForm>;
