import { and, eq, gt, isNotNull, isNull, lt, lte, sql, type AnyColumn, type SQL } from "drizzle-orm";
// The statement is built on either engine: drizzle's unionAll only asks the first part to add the others to itself.
import { unionAll } from "drizzle-orm/sqlite-core";
import { db } from "#db/client.server";
import { erasedStories, shareReplies, shareViews, shares, storyVersions } from "#db/schema";

/*
 * The service's impact figures, counted by the database month by month in
 * one statement that runs alike on SQLite (instants as milliseconds) and
 * PostgreSQL (timestamptz): each instant is put in its month by comparing it
 * with the months' first instants, which the caller works out (in UK time)
 * and drizzle passes as each column's own type. No row leaves the database;
 * only counts do, and nothing personal is read.
 */

/**
 * What is counted, each by the month it happened in: stories whose first
 * version was saved (a deleted story's trace counts, in the month it was
 * started); each agency a story reached for the first time (a deleted story's
 * trace counts its agencies, in the month it was started); shares made,
 * stopped and ended; views; acknowledgements; and retellings avoided: each
 * agency that first read a story (one per agency per story), a retelling it
 * did not have to ask for.
 */
export type Measure =
  "storiesPublished" | "agenciesReached" | "sharesMade" | "sharesStopped" | "sharesEnded" | "views" | "acknowledgements" | "retellingsAvoided";

/** One measure's count in one month: `month` indexes the months asked for; -1 is before the first, and `months.length` after the last. */
export type MonthCount = { measure: Measure; month: number; count: number };

/**
 * The month an instant in `column` falls in, as an index into `starts` (each
 * month's first instant, in order; `end`, the instant after the last month).
 * Integer literals are written into the SQL, so both engines read them as integers.
 */
function monthOf(column: AnyColumn, starts: readonly Date[], end: Date): SQL<number> {
  const bounds = [...starts.slice(1), end];
  const whens = [sql`when ${lt(column, starts[0])} then -1`, ...bounds.map((bound, index) => sql`when ${lt(column, bound)} then ${sql.raw(String(index))}`)];
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.raw(String(starts.length))} end`;
}

const counted = sql<number>`count(*)`.mapWith(Number);
const named = (measure: Measure) => sql<string>`${sql.raw(`'${measure}'`)}`;
// The month is the second column of each part; grouping by position keeps PostgreSQL from comparing two copies of its parameters.
const byMonth = sql.raw("2");

/**
 * Every measure's count in each month from `starts[0]` to `end`, with what
 * came before the first month counted as month -1 (the shares still active
 * at a month's end need those made and ended before it). `now`: shares whose
 * end date has passed by then have ended.
 */
export async function countsByMonth(starts: readonly Date[], end: Date, now: Date): Promise<MonthCount[]> {
  if (starts.length === 0) return [];
  const month = (column: AnyColumn) => monthOf(column, starts, end);

  const firstShares = db
    .select({ month: sql<number>`min(${month(shares.createdAt)})`.as("month") })
    .from(shares)
    .groupBy(shares.storyId, shares.agencyId)
    .as("first_shares");
  const firstReads = db
    .select({ month: sql<number>`min(${month(shareViews.viewedAt)})`.as("month") })
    .from(shareViews)
    .innerJoin(shares, eq(shares.id, shareViews.shareId))
    .groupBy(shares.storyId, shareViews.agencyId)
    .as("first_reads");

  // Each measure is a part of one statement: the rows of a table (those `where` keeps), counted (or summed) by their month.
  type Counted = typeof storyVersions | typeof erasedStories | typeof shares | typeof shareViews | typeof shareReplies | typeof firstShares | typeof firstReads;
  const part = (measure: Measure, table: Counted, monthOfRow: SQL<number> | SQL.Aliased<number>, where?: SQL, count = counted) =>
    db
      .select({ measure: named(measure), month: monthOfRow, count })
      .from(table)
      .where(where)
      .groupBy(byMonth);
  const [first, ...rest] = [
    part("storiesPublished", storyVersions, month(storyVersions.publishedAt), eq(storyVersions.version, 1)),
    part("storiesPublished", erasedStories, month(erasedStories.startedAt), gt(erasedStories.versions, 0)),
    part("agenciesReached", firstShares, firstShares.month),
    part(
      "agenciesReached",
      erasedStories,
      month(erasedStories.startedAt),
      gt(erasedStories.agencies, 0),
      sql<number>`sum(${erasedStories.agencies})`.mapWith(Number),
    ),
    part("sharesMade", shares, month(shares.createdAt)),
    part("sharesStopped", shares, month(shares.stoppedAt), isNotNull(shares.stoppedAt)),
    part("sharesEnded", shares, month(shares.endsAt), and(isNull(shares.stoppedAt), lte(shares.endsAt, now))),
    part("views", shareViews, month(shareViews.viewedAt)),
    part("acknowledgements", shareReplies, month(shareReplies.createdAt)),
    part("retellingsAvoided", firstReads, firstReads.month),
  ];
  const rows = await unionAll(first, ...rest);
  return rows.map((row) => ({ measure: row.measure as Measure, month: Number(row.month), count: row.count }));
}

/** The first instant anything the figures count happened, or null when nothing has. */
export async function firstCountedInstant(): Promise<Date | null> {
  // Each engine gives the instant in its own form; the column's own mapping reads it.
  const earliest = async (column: AnyColumn, table: typeof storyVersions | typeof erasedStories | typeof shares) =>
    (await db.select({ at: sql<Date | null>`min(${column})`.mapWith(column) }).from(table))[0]?.at ?? null;
  const instants = [
    await earliest(storyVersions.publishedAt, storyVersions),
    await earliest(erasedStories.startedAt, erasedStories),
    await earliest(shares.createdAt, shares),
  ].filter((at): at is Date => at instanceof Date);
  return instants.length === 0 ? null : new Date(Math.min(...instants.map((at) => at.getTime())));
}
