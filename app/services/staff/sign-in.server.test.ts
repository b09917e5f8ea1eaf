import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, outbox, signInCodes } from "#db/schema";
import { requestStaffCode, staffReference, staffReturnTo } from "./sign-in.server";

describe("the staff area's sign-in", () => {
  test.each([
    ["/staff", "/staff"],
    ["/staff/figures", "/staff/figures"],
    ["/staff?lang=cy", "/staff?lang=cy"],
    ["/staffing", null],
    ["/stories", null],
    ["//evil.example/staff", null],
    [null, null],
  ])("returnTo %s leads to %s", (given, to) => {
    expect(staffReturnTo(given)).toBe(to);
  });

  test("a member of staff's reference is a keyed hash of their address: short, the same in any case, never the address", () => {
    const reference = staffReference("Admin@Council.example.org");
    expect(reference).toMatch(/^[0-9a-f]{12}$/);
    expect(staffReference("admin@council.example.org")).toBe(reference);
    expect(staffReference("other@council.example.org")).not.toBe(reference);
  });

  test("an address not in ADMIN_EMAILS gets a staff code row to check, and no email", async () => {
    // The unit tests run with no ADMIN_EMAILS: nobody is listed.
    const outcome = await requestStaffCode({
      email: "someone@council.example.org",
      ip: "192.0.2.1",
      language: "en",
      returnTo: "/staff/audit",
      replacing: null,
    });
    expect(outcome.ok).toBe(true);
    const rows = await db.select().from(signInCodes).where(eq(signInCodes.email, "someone@council.example.org"));
    expect(rows.map((row) => [row.forStaff, row.returnTo])).toEqual([[true, "/staff/audit"]]);
    expect(await db.select().from(outbox).where(eq(outbox.recipient, "someone@council.example.org"))).toEqual([]);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.event, "staff_sign_in_not_listed"));
    expect(events.map((event) => event.detail)).toEqual([{}]);
  });
});
