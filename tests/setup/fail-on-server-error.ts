import { afterEach } from "vitest";
import { runningServers } from "#tests/support/server";

/** One turn of the event loop through its poll phase, so what a server wrote to stderr before it answered has been read. */
const drained = () => new Promise<void>((done) => setImmediate(() => setImmediate(done)));

// An error the server printed is a defect somewhere, as console.error is in the unit suites: fail the test during which
// it was printed (or the beforeAll before it), unless that test declared it with server.expectError(/…/).
afterEach(async ({ task }) => {
  if (runningServers.size === 0) return;
  await drained();
  const printed = [...runningServers].flatMap((server) => server.unexpectedErrors().map((error) => `${server.url}: ${error}`));
  if (printed.length > 0) throw new Error(`The server printed ${printed.length} error(s) during "${task.name}":\n${printed.join("\n")}`);
});
