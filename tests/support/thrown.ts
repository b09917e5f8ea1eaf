/** What a route guard threw, for looking at in a unit test. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
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
