import { getTableName, type Column, type Table } from "drizzle-orm";
import { getTableConfig as getPgTableConfig } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, test } from "vitest";
import * as pg from "./schema.pg";
import * as sqlite from "./schema.sqlite";

/** What both dialects' `getTableConfig` say about a table, as far as this comparison reads it. */
type TableConfig = {
  name: string;
  columns: Column[];
  primaryKeys: { columns: Column[] }[];
  uniqueConstraints: { name?: string; columns: Column[] }[];
  foreignKeys: { reference: () => { columns: Column[]; foreignTable: Table; foreignColumns: Column[] }; onDelete?: string }[];
  indexes: { config: { name?: string; columns: unknown[]; unique?: boolean } }[];
};

const names = (columns: unknown[]) => columns.map((column) => (column as { name: string }).name);

/** Everything that must be the same on both engines; column types are left to the type check below. */
function shape(config: TableConfig) {
  return {
    name: config.name,
    columns: config.columns.map((column) => ({
      name: column.name,
      notNull: column.notNull,
      default: column.defaultFn ? "made by the app" : column.hasDefault ? "given by the database" : "none",
      primaryKey: column.primary,
      unique: column.isUnique ? column.uniqueName : false,
      enum: column.enumValues,
    })),
    primaryKeys: config.primaryKeys.map((key) => names(key.columns)),
    uniqueConstraints: config.uniqueConstraints.map((constraint) => ({ name: constraint.name, columns: names(constraint.columns) })),
    foreignKeys: config.foreignKeys.map((key) => {
      const { columns, foreignTable, foreignColumns } = key.reference();
      return { columns: names(columns), references: getTableName(foreignTable), foreignColumns: names(foreignColumns), onDelete: key.onDelete ?? "no action" };
    }),
    indexes: config.indexes.map(({ config: index }) => ({ name: index.name, columns: names(index.columns), unique: index.unique ?? false })),
  };
}

type Tables = keyof typeof sqlite;
type Rows<Schema, Infer extends "$inferSelect" | "$inferInsert"> = { [Name in keyof Schema]: Schema[Name] extends Record<Infer, infer Row> ? Row : never };

describe("the PostgreSQL schema is the SQLite schema on another engine", () => {
  test("it exports the same tables under the same names", () => {
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
  });

  test.each(Object.keys(sqlite) as Tables[])("%s has the same name, columns, keys and indexes", (table) => {
    expect(shape(getPgTableConfig(pg[table]))).toEqual(shape(getSqliteTableConfig(sqlite[table])));
  });

  test("code typed against the SQLite tables reads and writes the same rows from the PostgreSQL ones", () => {
    // Checked by `npm run typecheck`: a column of another TypeScript type on one side fails to compile here.
    expectTypeOf<Rows<typeof pg, "$inferSelect">>().toEqualTypeOf<Rows<typeof sqlite, "$inferSelect">>();
    expectTypeOf<Rows<typeof pg, "$inferInsert">>().toEqualTypeOf<Rows<typeof sqlite, "$inferInsert">>();
  });
});
