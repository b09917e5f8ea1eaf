import { getTableConfig } from "drizzle-orm/sqlite-core";
import { getTableName } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as sqliteTables from "./schema.sqlite";
import { contentHash, tablesInCopyOrder } from "./copy.server";

describe("copying SQLite into PostgreSQL", () => {
  test("copies every table once, each after every table its foreign keys point at", () => {
    const order = tablesInCopyOrder().map((pair) => pair.name);
    expect([...order].sort()).toEqual(Object.values(sqliteTables).map(getTableName).sort());
    for (const table of Object.values(sqliteTables)) {
      for (const key of getTableConfig(table).foreignKeys) {
        const target = getTableName(key.reference().foreignTable);
        if (target !== getTableName(table))
          expect(order.indexOf(target), `${getTableName(table)} → ${target}`).toBeLessThan(order.indexOf(getTableName(table)));
      }
    }
  });

  test("a table's hash does not depend on the order rows or keys are read in, and changes with any value", () => {
    const at = new Date("2026-03-01T10:00:00.123Z");
    const rows = [
      { id: 1, at, content: { a: 1, b: ["x"] }, active: true },
      { id: 2, at: null, content: {}, active: false },
    ];
    const reordered = [
      { active: false, content: {}, at: null, id: 2 },
      { content: { b: ["x"], a: 1 }, active: true, id: 1, at: new Date(at.getTime()) },
    ];
    expect(contentHash(reordered)).toBe(contentHash(rows));
    expect(contentHash([{ ...rows[0], at: new Date(at.getTime() + 1) }, rows[1]])).not.toBe(contentHash(rows));
    expect(contentHash([{ ...rows[0], active: 1 }, rows[1]])).not.toBe(contentHash(rows));
    expect(contentHash([rows[0]])).not.toBe(contentHash(rows));
  });
});
