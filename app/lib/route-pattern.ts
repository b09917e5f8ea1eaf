/**
 * The route an address was answered by, with each value the route took from it
 * replaced by the value's name: `/shared/:token`, `/stories/:storyId/share`,
 * `/*` for an address no page has. This is what the audit log keeps of a
 * refused request: an address may hold a link's token or anything someone
 * typed, and the route says all the log needs.
 */
export function routePattern(pathname: string, params: Readonly<Record<string, string | undefined>>): string {
  const segments = pathname.split("/");
  const splat = params["*"];
  // A splat takes the rest of the address, however many segments that is.
  const kept = splat === undefined ? segments : [...segments.slice(0, segments.length - splat.split("/").length), "*"];
  const names = new Map(
    Object.entries(params)
      .filter(([name, value]) => name !== "*" && value !== undefined)
      .map(([name, value]) => [value, `:${name}`]),
  );
  return kept.map((segment) => names.get(decoded(segment)) ?? segment).join("/");
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
