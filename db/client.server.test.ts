import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { checkpointWal, openSqlite } from "./client.server";
import { outbox, signInCodes } from "./schema";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tell-it-once-disk-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Whether `text` is anywhere in the database's files, read as raw bytes. */
const onDisk = (path: string, text: string) => [path, `${path}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(text));

describe("what the service deletes or blanks does not linger on disk", () => {
  test("a blanked outbox secret and a deleted sign-in code's address are in neither the file nor its log once checkpointed", async () => {
    const path = join(dir, "disk.sqlite");
    const { sqlite, db } = openSqlite(path);
    try {
      const at = new Date();
      await db
        .insert(outbox)
        .values({ recipient: "kept@example.org", template: "sign-in-code", language: "en", personalisation: { code: "424242" }, nextAttemptAt: at });
      await db.insert(signInCodes).values({ id: "code-id", email: "gone@example.org", codeHash: "h", language: "en", expiresAt: at, createdAt: at });
      // Into the database file itself first, as happens to any row that waits long enough.
      expect(checkpointWal(sqlite)).toBe(true);
      expect(onDisk(path, '"code":"424242"')).toBe(true);

      await db.update(outbox).set({ personalisation: { code: "" } });
      await db.delete(signInCodes);
      expect(checkpointWal(sqlite)).toBe(true);

      expect(onDisk(path, '"code":"424242"')).toBe(false);
      expect(onDisk(path, "gone@example.org")).toBe(false);
      expect(onDisk(path, "kept@example.org")).toBe(true);
    } finally {
      sqlite.close();
    }
  });

  test("the checkpoint never waits: while another connection reads, it says so, and a later one succeeds", async () => {
    const path = join(dir, "busy.sqlite");
    const { sqlite, db } = openSqlite(path);
    const reader = new Database(path, { readonly: true });
    try {
      await db.insert(signInCodes).values({ id: "a", email: "a@example.org", codeHash: "h", language: "en", expiresAt: new Date(), createdAt: new Date() });
      reader.exec("begin");
      reader.prepare("select count(*) from sign_in_codes").get();
      await db.delete(signInCodes);
      const started = Date.now();
      expect(checkpointWal(sqlite)).toBe(false);
      expect(Date.now() - started).toBeLessThan(1_000);
      reader.exec("commit");
      expect(checkpointWal(sqlite)).toBe(true);
    } finally {
      reader.close();
      sqlite.close();
    }
  });
});
