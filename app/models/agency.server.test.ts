import { beforeEach, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { agencies } from "#db/schema";
import { activeAgencies, findAgenciesByIds, findAgency, hasAgencies, upsertAgencies, type AgencyDetails } from "./agency.server";

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

beforeEach(() => {
  db.delete(agencies).run();
  upsertAgencies(db, [agency("police", "Neighbourhood Policing"), agency("advice", "Citizens Advice"), agency("closed", "Advice Line", false), agency("gp", "Riverside Medical Practice")], now);
  ids = Object.fromEntries(db.select({ key: agencies.key, id: agencies.id }).from(agencies).all().map((row) => [row.key, row.id]));
});

describe("the agencies a person can choose", () => {
  test("are the active ones, by name", () => {
    expect(activeAgencies().map((a) => a.name)).toEqual(["Citizens Advice", "Neighbourhood Policing", "Riverside Medical Practice"]);
  });
});

describe("finding agencies", () => {
  test("by id, including an inactive one a share may still point at", () => {
    expect(findAgency(ids.gp)).toMatchObject({ key: "gp", name: "Riverside Medical Practice", contactEmail: "gp@example.org", domains: ["example.org"], active: true });
    expect(findAgency(ids.closed)).toMatchObject({ key: "closed", active: false });
    expect(findAgency("no-such-id")).toBeUndefined();
  });

  test("by several ids, in name order, leaving out ids that match nothing", () => {
    expect(findAgenciesByIds([ids.police, "no-such-id", ids.closed]).map((a) => a.key)).toEqual(["closed", "police"]);
    expect(findAgenciesByIds([])).toEqual([]);
  });
});

describe("adding and updating", () => {
  test("updates by key, adds new keys, and leaves agencies not mentioned alone", () => {
    const later = new Date("2026-03-02T09:00:00Z");
    expect(upsertAgencies(db, [agency("gp", "Riverside Surgery"), agency("hub", "Community Hub")], later)).toEqual({ created: 1, updated: 1 });
    expect(findAgency(ids.gp)).toMatchObject({ name: "Riverside Surgery", createdAt: now, updatedAt: later });
    expect(findAgency(ids.police)).toMatchObject({ name: "Neighbourhood Policing", updatedAt: now });
    expect(db.select().from(agencies).all()).toHaveLength(5);
  });

  test("an empty directory is told apart from one with agencies", () => {
    expect(hasAgencies(db)).toBe(true);
    db.delete(agencies).run();
    expect(hasAgencies(db)).toBe(false);
  });
});
