// @ts-check

/**
 * Polls `condition` until it gives something truthy and returns that: what a
 * test waits for when the server does it in the background (a log line, an
 * email, a worker). Throws, naming `what`, once `timeoutMs` has passed.
 * @template T
 * @param {() => T | Promise<T>} condition
 * @param {string} what what is awaited, for the error: "both workers listen"
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
export async function until(condition, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
