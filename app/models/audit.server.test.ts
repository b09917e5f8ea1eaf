import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { recordAuditEventOncePerWindow } from "./audit.server";

const rows = async (event: string) => await db.select({ detail: auditEvents.detail }).from(auditEvents).where(eq(auditEvents.event, event));

describe("an event anyone can cause, audited once per subject per window", () => {
  const at = new Date("2027-03-01T09:00:00Z");

  test("repeats in the same 15 minutes are not written; another subject, another event or the next window are", async () => {
    const event = `test_refused_${randomUUID()}`;
    for (let n = 0; n < 50; n++) await recordAuditEventOncePerWindow(event, "198.51.100.1", { n }, db, at);
    expect(await rows(event)).toEqual([{ detail: { n: 0 } }]);

    await recordAuditEventOncePerWindow(event, "198.51.100.2", { n: 1 }, db, at);
    await recordAuditEventOncePerWindow(`${event}_other`, "198.51.100.1", { n: 2 }, db, at);
    await recordAuditEventOncePerWindow(event, "198.51.100.1", { n: 3 }, db, new Date(at.getTime() + 15 * 60 * 1000));
    expect(await rows(event)).toEqual([{ detail: { n: 0 } }, { detail: { n: 1 } }, { detail: { n: 3 } }]);
    expect(await rows(`${event}_other`)).toEqual([{ detail: { n: 2 } }]);
  });

  test("in a transaction that fails, neither the row nor its count is kept", async () => {
    const event = `test_refused_${randomUUID()}`;
    await expect(
      db.transaction(async (tx) => {
        await recordAuditEventOncePerWindow(event, "198.51.100.1", {}, tx, at);
        throw new Error("the change it describes failed");
      }),
    ).rejects.toThrow("the change it describes failed");
    await recordAuditEventOncePerWindow(event, "198.51.100.1", { kept: true }, db, at);
    expect(await rows(event)).toEqual([{ detail: { kept: true } }]);
  });
});
