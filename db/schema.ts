/**
 * The tables of the engine this process runs on: PostgreSQL when DATABASE_URL
 * is set, else SQLite. Both have the same names, columns and TypeScript types
 * (db/schema.test.ts holds them to it), so the models are written once against
 * the SQLite types and run unchanged on either.
 */
import { env } from "#app/config/env.server";
import * as postgres from "./schema.pg";
import * as sqlite from "./schema.sqlite";

const tables = (env.DATABASE_URL ? postgres : sqlite) as unknown as typeof sqlite;

export const {
  auditEvents,
  residents,
  signInCodes,
  sessions,
  rateLimits,
  outbox,
  subjects,
  stories,
  storySections,
  storyVersions,
  storyInvitations,
  agencies,
  shares,
  consentRecords,
  shareDrafts,
  shareAccess,
  shareViews,
  shareReplies,
  erasedStories,
  staffSessions,
  providerSignIns,
} = tables;
