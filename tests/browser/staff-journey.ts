/**
 * A member of the council's staff in the staff area, in a real Chromium:
 * signing in with an emailed code, adding an agency (mistakes first),
 * changing it, no longer offering it and offering it again, importing a file
 * (none chosen, one with problems, a good one), reading the figures and
 * downloading them, reading the audit log (a filter with a mistake, then one
 * kind of event), and signing out. Each configuration runs in one language,
 * so that each language meets JavaScript on and off and both widths; every
 * page state is checked with axe-core and the Nu HTML Checker.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect } from "vitest";
import govukCy from "#app/i18n/locales/cy/govuk.json";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import staffCy from "#app/i18n/locales/cy/staff.json";
import govukEn from "#app/i18n/locales/en/govuk.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import staffEn from "#app/i18n/locales/en/staff.json";
import { checkPage, configurations, type ExpectedError } from "#tests/support/browser";
import { browserFor, fill, journeySteps, type Language } from "#tests/support/journey";
import { signInCodeFrom, type ServerWithMail } from "#tests/support/sign-in";

const words = { en: { staff: staffEn, signIn: signInEn, govuk: govukEn }, cy: { staff: staffCy, signIn: signInCy, govuk: govukCy } };

/** The staff, one address per configuration, each in ADMIN_EMAILS. */
export const staffEmail = (slug: string) => `staff-${slug}@council.example.org`;
export const adminEmails = configurations.map((configuration) => staffEmail(configuration.slug)).join(",");

/** Each configuration in one language: at 375 px English with JavaScript off and Welsh with it on; at 1280 px the other way round. */
const runs = configurations.map((configuration) => {
  const lang: Language = (configuration.viewport.width === 375) === !configuration.javaScript ? "en" : "cy";
  return { label: `${configuration.label}, in ${lang === "en" ? "English" : "Welsh"}`, configuration, lang };
});

/** A story shared with an agency two months ago and read once, written into the database, so the figures have something to draw. */
async function someHistory(server: ServerWithMail): Promise<void> {
  const [agency] = await server.query<{ id: string }>("select id from agencies where key = 'riverside-medical-practice'");
  const at = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000);
  const [resident, subject, story, share] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await server.write("insert into residents (id, email, language, created_at) values (?, ?, 'en', ?)", resident, `${resident}@example.org`, at);
  await server.write("insert into subjects (id, resident_id, created_at) values (?, ?, ?)", subject, resident, at);
  await server.write(
    "insert into stories (id, subject_id, owner_id, latest_version, created_at, updated_at) values (?, ?, ?, 1, ?, ?)",
    story,
    subject,
    resident,
    at,
    at,
  );
  await server.write("insert into story_versions (story_id, version, content, published_by, published_at) values (?, 1, '{}', ?, ?)", story, resident, at);
  await server.write(
    `insert into shares (id, story_id, agency_id, sections, purpose, version, keep_up_to_date, contact_allowed, contact_methods, ends_at, token_hash, created_by, created_at, updated_at)
     values (?, ?, ?, '["about"]', 'To help', 1, ?, ?, '[]', ?, ?, ?, ?, ?)`,
    share,
    story,
    agency.id,
    false,
    false,
    new Date(Date.now() + 90 * 24 * 60 * 60 * 1000),
    randomUUID(),
    resident,
    at,
    at,
  );
  await server.write(
    "insert into share_views (share_id, agency_id, email, version, sections, viewed_at) values (?, ?, 'gp@nhs.example.net', 1, '[\"about\"]', ?)",
    share,
    agency.id,
    at,
  );
}

/** The journey in each configuration with JavaScript on, or off (one test file each, so that two run at once). */
export function staffJourney(server: ServerWithMail, javaScript: boolean): void {
  beforeAll(async () => {
    if (javaScript) await someHistory(server);
  });

  describe.each(runs.filter((run) => run.configuration.javaScript === javaScript))("$label", ({ configuration, lang }) => {
    const t = words[lang].staff;
    const browser = browserFor(server, configuration);
    const step = journeySteps();
    const page = () => browser.page;
    const main = () => page().getByRole("main");
    const press = (button: Locator) => browser.submit(button);
    const button = (name: string) => main().getByRole("button", { name, exact: true });
    const textbox = (name: string) => main().getByRole("textbox", { name, exact: true });
    const link = (name: string) => main().getByRole("link", { name, exact: true });
    const path = () => new URL(page().url()).pathname;
    const email = staffEmail(configuration.slug);
    const key = `crisis-${configuration.slug}`;
    const agencyName = `NHS crisis team ${configuration.slug}`;

    const check = (name: string, heading: string, { error = false, title }: { error?: boolean; title?: string } = {}) =>
      checkPage(browser, { name, heading, language: lang, error, title, screenshot: `staff-${configuration.slug}-${name}` });
    const expectErrors = async (errors: ExpectedError[]) =>
      expect
        .poll(async () =>
          main()
            .locator(".govuk-error-summary a")
            .evaluateAll((links) => links.map((a) => ({ message: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" }))),
        )
        .toEqual(errors);
    const banner = async () => (await main().locator(".govuk-notification-banner").textContent())?.replace(/\s+/g, " ").trim() ?? "";

    step("signs in with an emailed code: nothing typed, then the address, then the code", async () => {
      // The staff area's address sends a browser without a staff session to the staff sign-in.
      await browser.visit(`/staff?lang=${lang}`);
      expect(path()).toBe("/staff/sign-in");
      await browser.visit(`/staff/sign-in?returnTo=%2Fstaff&lang=${lang}`);
      await check("sign-in", t.signIn.title, { title: t.signIn.title });
      expect(await press(button(t.signIn.continue))).toBe(400);
      await check("sign-in-error", t.signIn.title, { error: true });
      await expectErrors([{ message: words[lang].signIn.errors.email.required, href: "#email" }]);

      await textbox(t.signIn.title).fill(email);
      const since = server.mail.received.length;
      await press(button(t.signIn.continue));
      expect(path()).toBe("/staff/sign-in/check-email");
      await check("check-email", words[lang].signIn.code.title);
      const code = signInCodeFrom(await server.mail.nextEmailTo(email, since));
      await textbox(words[lang].signIn.code.label).fill(code);
      await press(button(words[lang].signIn.code.continue));
      expect(path()).toBe("/staff");
      await check("home", t.home.title, { title: t.home.title });
    });

    step("adds an agency that shares its domain: nothing typed, each error in the page's order, then the whole form", async () => {
      await browser.navigate(() => link(t.home.agencies.link).click());
      await check("agencies", t.agencies.title);
      await browser.navigate(() => main().getByRole("button", { name: t.agencies.add }).click());
      await check("agency-new", t.agency.addTitle);
      expect(await press(button(t.agency.add))).toBe(400);
      await check("agency-new-error", t.agency.addTitle, { error: true });
      const e = t.agency.errors;
      await expectErrors([
        { message: e.keyRequired, href: "#key" },
        { message: e.nameRequired, href: "#name" },
        { message: e.descriptionRequired, href: "#description" },
        { message: e.contactEmailRequired, href: "#contactEmail" },
        { message: e.domains.required, href: "#domains" },
      ]);

      const f = t.agency.fields;
      await textbox(f.key.label).fill(key);
      await textbox(f.name.label).fill(agencyName);
      await textbox(f.nameCy.label).fill(`Tîm argyfwng y GIG ${configuration.slug}`);
      await textbox(f.description.label).fill("Help in a mental health crisis, day and night.");
      await textbox(f.contactEmail.label).fill(`${key}@nhs.example.net`);
      await textbox(f.addresses.label).fill(`${key}.lead@nhs.example.net\n${key}.duty@nhs.example.net`);
      await press(button(t.agency.add));
      expect(path()).toBe("/staff/agencies");
      const shown = lang === "cy" ? `Tîm argyfwng y GIG ${configuration.slug}` : agencyName;
      await expect.poll(banner).toContain(fill(t.agencies.done.added, { agency: shown }).split(".")[0]);
      await check("agencies-added", t.agencies.title);
    });

    step("changes the agency, stops offering it, and offers it again", async () => {
      const shown = lang === "cy" ? `Tîm argyfwng y GIG ${configuration.slug}` : agencyName;
      await browser.navigate(() => link(shown).click());
      await check("agency", shown, { title: shown });
      await textbox(t.agency.fields.description.label).fill("Help in a mental health crisis, at any hour.");
      await press(button(t.agency.save));
      await expect.poll(banner).toContain(fill(t.agencies.done.changed, { agency: shown }));

      await browser.navigate(() => link(shown).click());
      await press(button(t.agency.deactivate.button));
      await expect.poll(banner).toContain(fill(t.agencies.done.deactivated, { agency: shown }).split(".")[0]);
      const row = main().getByRole("row").filter({ hasText: shown });
      await expect.poll(() => row.textContent()).toContain(t.agencies.notOffered);
      await check("agencies-deactivated", t.agencies.title);

      await browser.navigate(() => link(shown).click());
      await check("agency-not-offered", shown);
      await press(button(t.agency.reactivate.button));
      await expect.poll(banner).toContain(fill(t.agencies.done.reactivated, { agency: shown }).split(".")[0]);
    });

    step("imports a file: none chosen, then one with problems, then a good one", async () => {
      await browser.navigate(() => main().getByRole("button", { name: t.agencies.import }).click());
      await check("import", t.import.title);
      expect(await press(button(t.import.button))).toBe(400);
      await check("import-missing", t.import.title, { error: true });
      await expectErrors([{ message: t.import.errors.missing, href: "#file" }]);

      const upload = main().getByLabel(t.import.label);
      const record = {
        key: `imported-${configuration.slug}`,
        name: `Imported ${configuration.slug}`,
        description: "Imported.",
        contactEmail: "in@import.example.org",
      };
      await upload.setInputFiles({ name: "agencies.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify([{ ...record, domains: [] }])) });
      expect(await press(button(t.import.button))).toBe(400);
      await check("import-problems", t.import.title, { error: true });
      await expectErrors([{ message: t.import.errors.problems, href: "#file" }]);
      await expect
        .poll(() => main().locator("ul[lang=en] li").allTextContents())
        .toEqual([`Record 1 (key "${record.key}"): domains must list at least one domain (or addresses at least one address)`]);

      await upload.setInputFiles({
        name: "agencies.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify([{ ...record, domains: ["import.example.org"] }])),
      });
      await press(button(t.import.button));
      expect(path()).toBe("/staff/agencies");
      await expect.poll(banner).toContain(fill(t.agencies.done.imported, { count: 1, created: 1, updated: 0 }));
    });

    step("reads the figures, as a chart and as tables, and downloads them", async () => {
      await browser.visit("/staff/figures");
      await check("figures", t.figures.title, { title: t.figures.title });
      const tables = t.figures.tables;
      const chart = main().getByRole("img", {
        name: fill(t.figures.chartDescription, { count: 12, first: tables["figures-reach"], second: tables["figures-retellings"] }),
      });
      expect(await chart.count()).toBe(1);
      expect(await main().getByRole("table").count()).toBe(4);

      const [download] = await Promise.all([page().waitForEvent("download"), button(t.figures.download.button).click()]);
      const csv = readFileSync((await download.path())!, "utf8");
      expect(csv.startsWith(`\uFEFF${t.figures.csvMonth},${t.figures.columns.storiesPublished},`)).toBe(true);
      expect(path()).toBe("/staff/figures");
    });

    step("reads the audit log: a filter with a mistake, then one kind of event", async () => {
      await browser.navigate(() => main().getByRole("link", { name: t.caption }).click());
      await browser.navigate(() => link(t.home.audit.link).click());
      await check("audit", t.audit.title, { title: t.audit.title });
      const from = main().getByRole("group", { name: t.audit.from });
      const g = words[lang].govuk.dateInput;
      await from.getByRole("textbox", { name: g.dayLabel, exact: true }).fill("31");
      await from.getByRole("textbox", { name: g.monthLabel, exact: true }).fill("2");
      await from.getByRole("textbox", { name: g.yearLabel, exact: true }).fill("2026");
      await browser.navigate(() => button(t.audit.filter).click());
      await check("audit-error", t.audit.title, { error: true, title: t.audit.title });
      await expectErrors([{ message: t.audit.errors.from.notReal, href: "#from-day" }]);

      await from.getByRole("textbox", { name: g.dayLabel, exact: true }).fill("");
      await from.getByRole("textbox", { name: g.monthLabel, exact: true }).fill("");
      await from.getByRole("textbox", { name: g.yearLabel, exact: true }).fill("");
      await main().getByRole("combobox", { name: t.audit.event }).selectOption("agency_added");
      await browser.navigate(() => button(t.audit.filter).click());
      await check("audit-filtered", t.audit.title);
      const events = await main().locator("tbody tr td:nth-child(2)").allTextContents();
      expect(events.length).toBeGreaterThan(0);
      expect(new Set(events)).toEqual(new Set([t.audit.events.agency_added]));
    });

    step("signs out, and the next staff page says so", async () => {
      await browser.navigate(() => button(t.signOut.button).click());
      expect(path()).toBe("/staff/signed-out");
      await check("signed-out", t.signedOut.title);
      await browser.visit("/staff/figures");
      expect(path()).toBe("/staff/sign-in");
      await expect.poll(banner).toContain(t.signIn.signedOutTitle);
      await check("sign-in-signed-out", t.signIn.title);
    });
  });
}
