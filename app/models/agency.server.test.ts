import { beforeEach, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { agencies } from "#db/schema";
import {
  activeAgencies,
  addMissingWelsh,
  agencyDescription,
  agencyName,
  agencyNamesForEmail,
  findAgenciesByIds,
  findAgency,
  hasAgencies,
  upsertAgencies,
  type AgencyDetails,
} from "./agency.server";

const agency = (key: string, name: string, active = true): AgencyDetails => ({
  key,
  name,
  description: `${name} helps people.`,
  contactEmail: `${key}@example.org`,
  domains: ["example.org"],
  active,
});

const now = new Date("2026-03-01T09:00:00Z");
let ids: Record<string, string>;

beforeEach(async () => {
  await db.delete(agencies);
  await upsertAgencies(
    db,
    [
      agency("police", "Neighbourhood Policing"),
      agency("advice", "Citizens Advice"),
      agency("closed", "Advice Line", false),
      agency("gp", "Riverside Medical Practice"),
    ],
    now,
  );
  ids = Object.fromEntries((await db.select({ key: agencies.key, id: agencies.id }).from(agencies)).map((row) => [row.key, row.id]));
});

describe("the agencies a person can choose", () => {
  test("are the active ones, by name", async () => {
    expect((await activeAgencies()).map((a) => a.name)).toEqual(["Citizens Advice", "Neighbourhood Policing", "Riverside Medical Practice"]);
  });

  test("in Welsh, by the names a Welsh reader sees: the Welsh, or the English where there is none", async () => {
    await upsertAgencies(
      db,
      [
        { ...agency("advice", "Citizens Advice"), nameCy: "Cyngor ar Bopeth" },
        { ...agency("gp", "Riverside Medical Practice"), nameCy: "Meddygfa Glan yr Afon" },
      ],
      now,
    );
    expect((await activeAgencies("cy")).map((a) => agencyName(a, "cy").text)).toEqual(["Cyngor ar Bopeth", "Meddygfa Glan yr Afon", "Neighbourhood Policing"]);
  });
});

describe("an agency's name and description in a language", () => {
  const gp = { name: "Riverside Medical Practice", nameCy: "Meddygfa Glan yr Afon", description: "A GP surgery.", descriptionCy: "Meddygfa." };

  test("Welsh for a Welsh reader, English for an English one, each saying which it is", () => {
    expect(agencyName(gp, "cy")).toEqual({ text: "Meddygfa Glan yr Afon", lang: "cy" });
    expect(agencyDescription(gp, "cy")).toEqual({ text: "Meddygfa.", lang: "cy" });
    expect(agencyName(gp, "en")).toEqual({ text: "Riverside Medical Practice", lang: "en" });
    expect(agencyDescription(gp, "en")).toEqual({ text: "A GP surgery.", lang: "en" });
  });

  test("without Welsh, the English on a Welsh page too, marked as English", () => {
    const english = { ...gp, nameCy: null, descriptionCy: "" };
    expect(agencyName(english, "cy")).toEqual({ text: "Riverside Medical Practice", lang: "en" });
    expect(agencyDescription(english, "cy")).toEqual({ text: "A GP surgery.", lang: "en" });
  });

  test("for an email in both languages: the English, and the Welsh part's name", () => {
    expect(agencyNamesForEmail(gp)).toEqual({ agency: "Riverside Medical Practice", agencyCy: "Meddygfa Glan yr Afon" });
    expect(agencyNamesForEmail({ ...gp, nameCy: null })).toEqual({ agency: "Riverside Medical Practice", agencyCy: "Riverside Medical Practice" });
  });
});

describe("finding agencies", () => {
  test("by id, including an inactive one a share may still point at", async () => {
    expect(await findAgency(ids.gp)).toMatchObject({
      key: "gp",
      name: "Riverside Medical Practice",
      contactEmail: "gp@example.org",
      domains: ["example.org"],
      active: true,
    });
    expect(await findAgency(ids.closed)).toMatchObject({ key: "closed", active: false });
    expect(await findAgency("no-such-id")).toBeUndefined();
  });

  test("by several ids, in name order, leaving out ids that match nothing", async () => {
    expect((await findAgenciesByIds([ids.police, "no-such-id", ids.closed])).map((a) => a.key)).toEqual(["closed", "police"]);
    expect(await findAgenciesByIds([])).toEqual([]);
  });
});

describe("adding and updating", () => {
  test("updates by key, adds new keys, and leaves agencies not mentioned alone", async () => {
    const later = new Date("2026-03-02T09:00:00Z");
    expect(await upsertAgencies(db, [agency("gp", "Riverside Surgery"), agency("hub", "Community Hub")], later)).toEqual({ created: 1, updated: 1 });
    expect(await findAgency(ids.gp)).toMatchObject({ name: "Riverside Surgery", createdAt: now, updatedAt: later });
    expect(await findAgency(ids.police)).toMatchObject({ name: "Neighbourhood Policing", updatedAt: now });
    expect(await db.select().from(agencies)).toHaveLength(5);
  });

  test("Welsh is added only where there is none and the English is still as given: what a council changed is left alone", async () => {
    const later = new Date("2026-03-02T09:00:00Z");
    await upsertAgencies(db, [{ ...agency("advice", "Citizens Advice"), nameCy: "Cyngor ar Bopeth Llanfair", descriptionCy: "Cyngor am ddim." }], now);
    await upsertAgencies(db, [{ ...agency("police", "Neighbourhood Policing"), description: "Our own words." }], now);
    const welsh = (key: string, name: string) => ({ ...agency(key, name), nameCy: `${name} (Cymraeg)`, descriptionCy: "Disgrifiad." });
    const given = await addMissingWelsh(
      db,
      [welsh("gp", "Riverside Medical Practice"), welsh("advice", "Citizens Advice"), welsh("police", "Neighbourhood Policing"), welsh("nowhere", "Not Here")],
      later,
    );
    expect(given).toBe(1);
    expect(await findAgency(ids.gp)).toMatchObject({ nameCy: "Riverside Medical Practice (Cymraeg)", descriptionCy: "Disgrifiad.", updatedAt: later });
    expect(await findAgency(ids.advice)).toMatchObject({ nameCy: "Cyngor ar Bopeth Llanfair", descriptionCy: "Cyngor am ddim.", updatedAt: now });
    expect(await findAgency(ids.police)).toMatchObject({ nameCy: null, descriptionCy: null, description: "Our own words." });
    expect(await db.select().from(agencies)).toHaveLength(4);
  });

  test("an empty directory is told apart from one with agencies", async () => {
    expect(await hasAgencies(db)).toBe(true);
    await db.delete(agencies);
    expect(await hasAgencies(db)).toBe(false);
  });
});
