import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { importAgencyFile } from "#app/services/agency-import.server";
import { db } from "#db/client.server";
import { agencies } from "#db/schema";
import { demoAgencies, seedDemoAgencies } from "./seed";

const rows = () => db.select().from(agencies).orderBy(asc(agencies.key)).all();
const details = () => rows().map(({ key, name, description, contactEmail, domains, active }) => ({ key, name, description, contactEmail, domains, active }));
const byKey = <T extends { key: string }>(list: T[]) => [...list].sort((a, b) => a.key.localeCompare(b.key));

beforeEach(() => {
  db.delete(agencies).run();
});

describe("the demo agencies", () => {
  test("pass the same checks as a council's import file, unchanged by them", () => {
    expect(importAgencyFile(JSON.stringify(demoAgencies))).toEqual({ ok: true, created: demoAgencies.length, updated: 0 });
    expect(details()).toEqual(byKey(demoAgencies));
  });

  test("are at least ten, all active, with every address at a reserved example domain", () => {
    expect(demoAgencies.length).toBeGreaterThanOrEqual(10);
    const reserved = /(^|\.)example\.(org|net|com)$/;
    for (const agency of demoAgencies) {
      expect(agency.active).toBe(true);
      expect(agency.contactEmail.split("@")[1]).toMatch(reserved);
      for (const domain of agency.domains) expect(domain).toMatch(reserved);
    }
  });

  test("cover the services the issue names", () => {
    const names = demoAgencies.map((a) => `${a.name} ${a.description}`).join("\n");
    for (const kind of [/Adult Social Care/, /Early Help/, /Housing Options/, /GP surgery/, /Mental Health Team/, /Policing/, /Jobcentre Plus/, /Citizens Advice/, /domestic abuse/, /Food Bank/]) {
      expect(names).toMatch(kind);
    }
  });
});

describe("seeding at start-up", () => {
  test("fills an empty directory with the demo agencies, once", () => {
    expect(seedDemoAgencies()).toBe(demoAgencies.length);
    const seeded = rows();
    expect(details()).toEqual(byKey(demoAgencies));
    expect(seedDemoAgencies()).toBe(0);
    expect(rows()).toEqual(seeded);
  });

  test("adds nothing to a council's own list", () => {
    importAgencyFile(
      JSON.stringify([
        { key: "our-housing", name: "Our Housing", description: "Housing help.", contactEmail: "housing@council.example.org", domains: ["council.example.org"] },
      ]),
    );
    expect(seedDemoAgencies()).toBe(0);
    expect(rows().map((a) => a.key)).toEqual(["our-housing"]);
  });
});
