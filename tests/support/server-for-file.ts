import { afterAll, beforeAll } from "vitest";
import type { RunningServer } from "#tests/support/server";

/**
 * The server a test file's tests share: started before them (`start`, say
 * `() => startServerWithMail()`) and stopped after them. What it returns stands
 * for that server from the first test on, so the file can name it at the top:
 * `const server = serverForThisFile(startServer)`.
 */
export function serverForThisFile<T extends RunningServer>(start: () => Promise<T>): T {
  let running: T | undefined;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running?.stop();
  });
  return new Proxy({} as T, {
    get(_, name) {
      if (!running) throw new Error(`the server is used before it has started (reading ${String(name)})`);
      return Reflect.get(running, name);
    },
  });
}
