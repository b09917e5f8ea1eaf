/** What a route guard threw (or the promise it gave rejected with), for looking at in a unit test. */
export async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the guard to throw");
}

/** The status of what a guard threw: a Response (a redirect, say), or `data(…, { status })` carrying the layout. */
export function statusOf(value: unknown): number {
  if (value instanceof Response) return value.status;
  const status = (value as { init?: ResponseInit | null } | null)?.init?.status;
  if (typeof status !== "number") throw new Error(`not a response: ${String(value)}`);
  return status;
}
