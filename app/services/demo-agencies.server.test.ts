import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { AgencyDetails } from "#app/models/agency.server";
import { importAgencyFile } from "#app/services/agency-import.server";
import { db } from "#db/client.server";
import { agencies } from "#db/schema";
import { demoAgencies, seedDemoAgencies } from "./demo-agencies.server";

const rows = async () => await db.select().from(agencies).orderBy(asc(agencies.key));
const details = async () =>
  (await rows()).map(({ key, name, description, nameCy, descriptionCy, contactEmail, domains, active }) => ({
    key,
    name,
    description,
    nameCy,
    descriptionCy,
    contactEmail,
    domains,
    active,
  }));
const byKey = <T extends { key: string }>(list: T[]) => [...list].sort((a, b) => a.key.localeCompare(b.key));
const english = ({ nameCy, descriptionCy, ...rest }: AgencyDetails) => rest;

beforeEach(async () => {
  await db.delete(agencies);
});

describe("the demo agencies", () => {
  test("pass the same checks as a council's import file, unchanged by them", async () => {
    expect(await importAgencyFile(JSON.stringify(demoAgencies))).toEqual({ ok: true, created: demoAgencies.length, updated: 0 });
    expect(await details()).toEqual(byKey(demoAgencies));
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

  test("each has a Welsh name and description of its own, for Welsh pages", () => {
    for (const agency of demoAgencies) {
      expect(agency.nameCy, agency.key).toBeTruthy();
      expect(agency.descriptionCy, agency.key).toBeTruthy();
      expect(agency.nameCy).not.toBe(agency.name);
      expect(agency.descriptionCy).not.toBe(agency.description);
    }
    expect(demoAgencies.find((a) => a.key === "citizens-advice")?.nameCy).toBe("Cyngor ar Bopeth Demo");
    expect(demoAgencies.find((a) => a.key === "jobcentre-plus")?.nameCy).toBe("Canolfan Byd Gwaith Demo");
  });

  test("cover the services the issue names", () => {
    const names = demoAgencies.map((a) => `${a.name} ${a.description}`).join("\n");
    for (const kind of [
      /Adult Social Care/,
      /Early Help/,
      /Housing Options/,
      /GP surgery/,
      /Mental Health Team/,
      /Policing/,
      /Jobcentre Plus/,
      /Citizens Advice/,
      /domestic abuse/,
      /Food Bank/,
    ]) {
      expect(names).toMatch(kind);
    }
  });
});

describe("seeding at start-up", () => {
  test("fills an empty directory with the demo agencies, once", async () => {
    expect(await seedDemoAgencies()).toBe(demoAgencies.length);
    const seeded = await rows();
    expect(await details()).toEqual(byKey(demoAgencies));
    expect(await seedDemoAgencies()).toBe(0);
    expect(await rows()).toEqual(seeded);
  });

  test("gives a demo database seeded before there was Welsh the Welsh of each demo agency still as seeded, adding no agency", async () => {
    const before = new Date("2026-01-01T09:00:00Z");
    await importAgencyFile(JSON.stringify(demoAgencies.map(english)), before);
    await importAgencyFile(JSON.stringify([{ ...english(demoAgencies[0]), name: "Llanfair Adult Social Care" }]), before);
    expect((await rows()).every((row) => row.nameCy === null)).toBe(true);

    expect(await seedDemoAgencies()).toBe(0);
    const after = new Map((await rows()).map((row) => [row.key, row]));
    expect(after.size).toBe(demoAgencies.length);
    expect(after.get(demoAgencies[0].key)).toMatchObject({ name: "Llanfair Adult Social Care", nameCy: null, descriptionCy: null, updatedAt: before });
    for (const agency of demoAgencies.slice(1)) {
      expect(after.get(agency.key)).toMatchObject({ name: agency.name, nameCy: agency.nameCy, descriptionCy: agency.descriptionCy });
    }
  });

  test("adds nothing to a council's own list", async () => {
    await importAgencyFile(
      JSON.stringify([
        {
          key: "our-housing",
          name: "Our Housing",
          description: "Housing help.",
          contactEmail: "housing@council.example.org",
          domains: ["council.example.org"],
        },
      ]),
    );
    expect(await seedDemoAgencies()).toBe(0);
    expect((await rows()).map((a) => a.key)).toEqual(["our-housing"]);
  });
});
