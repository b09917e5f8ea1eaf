import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { limits, takeFromLimit, type Limit } from "./rate-limit.server";

const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60 * 1000);

/** Takes from `limit` `times` times at `at`, and returns what each answer was. */
async function take(limit: Limit, subject: string, times: number, at: Date) {
  const answers: string[] = [];
  for (let i = 0; i < times; i++) answers.push(await takeFromLimit(db, limit, subject, at));
  return answers;
}

describe("a limit slides: the edge of a window gives no one a second allowance", () => {
  const limit = limits.codeAttemptsPerIp; // 30 in 15 minutes
  const edge = new Date("2027-03-01T09:15:00Z");

  test("30 attempts a second before a window's edge, then one a second after it: refused", async () => {
    const ip = `test-${randomUUID()}`;
    expect(new Set(await take(limit, ip, 30, minutes(edge, -1 / 60)))).toEqual(new Set(["allowed"]));
    expect(await take(limit, ip, 2, minutes(edge, 1 / 60))).toEqual(["refused", "refused"]);
  });

  test("the last window counts less as it slides away, and not at all once a whole window has passed", async () => {
    const ip = `test-${randomUUID()}`;
    await take(limit, ip, 30, minutes(edge, -1));
    // Ten minutes into the next window a third of the last one is still covered: 10 of its 30, so 20 more.
    expect(await take(limit, ip, 21, minutes(edge, 10))).toEqual([...Array<string>(20).fill("allowed"), "refused"]);
    expect(await take(limit, `test-${randomUUID()}`, 1, minutes(edge, 10))).toEqual(["allowed"]);
    expect(new Set(await take(limit, ip, 30, minutes(edge, 30)))).toEqual(new Set(["allowed"]));
  });

  test("a once-per-window limit is on the clock: the next window starts afresh", async () => {
    const subject = `test-${randomUUID()}`;
    expect(await take(limits.auditedEventsPerSubject, subject, 2, minutes(edge, -1 / 60))).toEqual(["allowed", "refused"]);
    expect(await take(limits.auditedEventsPerSubject, subject, 1, edge)).toEqual(["allowed"]);
  });
});
