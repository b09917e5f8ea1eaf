// Until the engine switch replaces it, `#db/schema` stays the SQLite tables.
export * from "./schema.sqlite";
