// The PostgreSQL form of db/schema.sqlite.ts, where each table is described; db/schema.test.ts holds the two to the same shape.
import { randomUUID } from "node:crypto";
import { bigint, boolean, index, integer, json, pgTable, primaryKey, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";

const newId = () => randomUUID();

/** An instant, read and written as a Date to the millisecond, as SQLite's `timestamp_ms` integers are. */
const instant = <TName extends string>(name: TName) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

/**
 * A row number the database gives: bigint, as SQLite's are 64-bit, and BY DEFAULT rather than ALWAYS so that,
 * as in SQLite, an insert may name the id and `$inferInsert` keeps `id?: number`.
 */
const rowNumber = <TName extends string>(name: TName) => bigint(name, { mode: "number" }).primaryKey().generatedByDefaultAsIdentity();

const createdAt = () => instant("created_at").notNull().defaultNow();

export const auditEvents = pgTable(
  "audit_events",
  {
    id: rowNumber("id"),
    event: text("event").notNull(),
    // json here and below, not jsonb: jsonb reorders an object's keys and drops duplicate ones, and every such column must read back as written.
    detail: json("detail").$type<Record<string, string | number | boolean | null>>(),
    at: instant("at").notNull().defaultNow(),
  },
  (table) => [index("audit_events_at").on(table.at)],
);

export const residents = pgTable("residents", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  language: text("language", { enum: ["en", "cy"] })
    .notNull()
    .default("en"),
  createdAt: createdAt(),
  lastSignedInAt: instant("last_signed_in_at"),
  /** When the account was told it would be deleted for being unused (retention); cleared by signing in. */
  /** When the account was deleted: its address is gone (replaced by a placeholder that cannot sign in), kept only as what versions and records it made point to. */
  erasedAt: instant("erased_at"),
  retentionWarnedAt: instant("retention_warned_at"),
  oneLoginSub: text("one_login_sub").unique(),
});

export const signInCodes = pgTable(
  "sign_in_codes",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    codeHash: text("code_hash").notNull(),
    language: text("language", { enum: ["en", "cy"] }).notNull(),
    returnTo: text("return_to"),
    wrongAttempts: integer("wrong_attempts").notNull().default(0),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
    shareAccessId: text("share_access_id").references((): AnyPgColumn => shareAccess.idHash, { onDelete: "cascade" }),
    /** Set when the code confirms a new address for this account (changing the email address); null otherwise. */
    changesEmailOf: text("changes_email_of").references(() => residents.id, { onDelete: "cascade" }),
    /** Set when the code signs a member of the council's staff in to the staff area; never with the columns above. */
    forStaff: boolean("for_staff").notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [index("sign_in_codes_email").on(table.email), index("sign_in_codes_share_access").on(table.shareAccessId)],
);

export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    residentId: text("resident_id")
      .notNull()
      .references(() => residents.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: instant("last_seen_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    signedOutAt: instant("signed_out_at"),
    oneLoginIdToken: text("one_login_id_token"),
  },
  (table) => [index("sessions_resident").on(table.residentId)],
);

export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    // Milliseconds since 1970: past 2^31 since 1970-01-25.
    windowStart: bigint("window_start", { mode: "number" }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] })],
);

export const outbox = pgTable(
  "outbox",
  {
    id: rowNumber("id"),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    language: text("language", { enum: ["en", "cy"] }).notNull(),
    personalisation: json("personalisation").$type<Record<string, string>>().notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull(),
    lockedUntil: instant("locked_until"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: instant("sent_at"),
  },
  (table) => [index("outbox_due").on(table.status, table.nextAttemptAt)],
);

export const subjects = pgTable("subjects", {
  id: text("id").primaryKey().$defaultFn(newId),
  residentId: text("resident_id")
    .notNull()
    .references(() => residents.id, { onDelete: "cascade" }),
  /** "self", or how the writer knows the person, in the writer's words ("his mother"). */
  relationship: text("relationship").notNull().default("self"),
  /** "self", or what lets the writer act for the person: see app/models/subject.server.ts. */
  basis: text("basis").notNull().default("self"),
  /** For someone else's story: the person's name, the writer's name, and the person's date of birth (YYYY-MM-DD) if given. */
  name: text("name"),
  writerName: text("writer_name"),
  dateOfBirth: text("date_of_birth"),
  /** The lasting power of attorney's reference, or the writer's explanation of an "other" basis. */
  basisDetail: text("basis_detail"),
  /** When the writer was emailed that parental responsibility is about to end (once). */
  basisRemindedAt: instant("basis_reminded_at"),
  createdAt: createdAt(),
});

export const stories = pgTable(
  "stories",
  {
    id: text("id").primaryKey(),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => residents.id, { onDelete: "cascade" }),
    latestVersion: integer("latest_version"),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [index("stories_owner").on(table.ownerId)],
);

export const storySections = pgTable(
  "story_sections",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    section: text("section").notNull(),
    content: json("content").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["in_progress", "completed"] }).notNull(),
    /** Who saved it last: the owner or a helper (null for a section saved before helpers existed). */
    updatedBy: text("updated_by"),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.storyId, table.section] })],
);

export const storyVersions = pgTable(
  "story_versions",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: json("content").$type<Record<string, Record<string, unknown>>>().notNull(),
    publishedBy: text("published_by")
      .notNull()
      .references(() => residents.id),
    publishedAt: instant("published_at").notNull(),
    /** Who the story was about and who spoke for them when it was published, as its heading says; null for the story's subject (versions before a story could be handed over). */
    subjectId: text("subject_id").references(() => subjects.id),
  },
  (table) => [primaryKey({ columns: [table.storyId, table.version] })],
);

/**
 * An invitation to a story, by email, and what became of it: to help (role
 * "edit" or "editAndShare"), or to take the story over ("owner"). Accepted
 * with role edit or editAndShare, it makes the person who accepted a helper
 * until the owner removes them. Rows are kept once ended, so the history can
 * still name who did what.
 */
export const storyInvitations = pgTable(
  "story_invitations",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["edit", "editAndShare", "owner"] }).notNull(),
    /** The invited person's name, as the owner gave it. */
    name: text("name").notNull(),
    email: text("email").notNull(),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => residents.id, { onDelete: "cascade" }),
    /** Who accepted: set when the invitation is accepted. */
    residentId: text("resident_id").references(() => residents.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["invited", "accepted", "declined", "withdrawn", "removed"] })
      .notNull()
      .default("invited"),
    expiresAt: instant("expires_at").notNull(),
    answeredAt: instant("answered_at"),
    endedAt: instant("ended_at"),
    createdAt: createdAt(),
  },
  (table) => [
    index("story_invitations_story").on(table.storyId),
    index("story_invitations_resident").on(table.residentId),
    index("story_invitations_email").on(table.email),
  ],
);

export const agencies = pgTable("agencies", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  nameCy: text("name_cy"),
  descriptionCy: text("description_cy"),
  contactEmail: text("contact_email").notNull(),
  domains: json("domains").$type<string[]>().notNull(),
  /** Single addresses that may open the agency's links, besides any address at one of `domains`. */
  addresses: json("addresses").$type<string[]>().notNull().default([]),
  active: boolean("active").notNull().default(true),
  createdAt: createdAt(),
  updatedAt: instant("updated_at").notNull(),
});

export const shares = pgTable(
  "shares",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    sections: json("sections").$type<string[]>().notNull(),
    purpose: text("purpose").notNull(),
    version: integer("version").notNull(),
    keepUpToDate: boolean("keep_up_to_date").notNull(),
    contactAllowed: boolean("contact_allowed").notNull(),
    contactMethods: json("contact_methods").$type<string[]>().notNull(),
    endsAt: instant("ends_at").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    status: text("status", { enum: ["active", "stopped", "ended"] })
      .notNull()
      .default("active"),
    stoppedAt: instant("stopped_at"),
    endedNotifiedAt: instant("ended_notified_at"),
    /** When, the retention period after the share ended, who opened it and who replied were forgotten. */
    accessForgottenAt: instant("access_forgotten_at"),
    createdBy: text("created_by")
      .notNull()
      .references(() => residents.id),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [index("shares_story").on(table.storyId), index("shares_ending").on(table.status, table.endsAt)],
);

export const consentRecords = pgTable(
  "consent_records",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    shareId: text("share_id")
      .notNull()
      .references(() => shares.id),
    kind: text("kind", { enum: ["given", "changed", "extended", "withdrawn"] }).notNull(),
    agreedBy: text("agreed_by")
      .notNull()
      .references(() => residents.id),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id),
    basis: text("basis").notNull(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    sections: json("sections").$type<string[]>().notNull(),
    purpose: text("purpose").notNull(),
    wording: text("wording").notNull(),
    wordingVersion: text("wording_version").notNull(),
    wordingHash: text("wording_hash").notNull(),
    language: text("language", { enum: ["en", "cy"] }).notNull(),
    method: text("method").notNull(),
    endsAt: instant("ends_at").notNull(),
    recordedAt: instant("recorded_at").notNull(),
  },
  (table) => [index("consent_records_share").on(table.shareId)],
);

export const shareDrafts = pgTable("share_drafts", {
  storyId: text("story_id")
    .primaryKey()
    .references(() => stories.id, { onDelete: "cascade" }),
  choices: json("choices").$type<Record<string, unknown>>().notNull(),
  updatedAt: instant("updated_at").notNull(),
});

export const shareAccess = pgTable(
  "share_access",
  {
    idHash: text("id_hash").primaryKey(),
    shareId: text("share_id")
      .notNull()
      .references(() => shares.id, { onDelete: "cascade" }),
    email: text("email"),
    verifiedAt: instant("verified_at"),
    expiresAt: instant("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("share_access_share").on(table.shareId)],
);

export const shareViews = pgTable(
  "share_views",
  {
    id: rowNumber("id"),
    shareId: text("share_id")
      .notNull()
      .references(() => shares.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    email: text("email").notNull(),
    version: integer("version").notNull(),
    sections: json("sections").$type<string[]>().notNull(),
    viewedAt: instant("viewed_at").notNull(),
  },
  (table) => [index("share_views_share").on(table.shareId, table.viewedAt)],
);

export const shareReplies = pgTable(
  "share_replies",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    shareId: text("share_id")
      .notNull()
      .references(() => shares.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    message: text("message"),
    createdAt: createdAt(),
  },
  (table) => [index("share_replies_share").on(table.shareId)],
);

/**
 * What is left of a story its owner deleted, or whose account was deleted: no
 * content, no names, only that it existed, how far it went and when it went,
 * so that the service's figures stay honest. A story's row here is what lets
 * the append-only tables give up its rows (see the migrations' triggers).
 */
export const erasedStories = pgTable("erased_stories", {
  storyId: text("story_id").primaryKey(),
  startedAt: instant("started_at").notNull(),
  versions: integer("versions").notNull(),
  agencies: integer("agencies").notNull(),
  reason: text("reason", { enum: ["deleted", "account-deleted", "retention"] }).notNull(),
  erasedAt: instant("erased_at").notNull(),
});

/** A signed-in member of the council's staff: apart from residents' sessions. The cookie holds a random id; only its SHA-256 is stored. */
export const staffSessions = pgTable("staff_sessions", {
  idHash: text("id_hash").primaryKey(),
  email: text("email").notNull(),
  createdAt: createdAt(),
  lastSeenAt: instant("last_seen_at").notNull(),
  expiresAt: instant("expires_at").notNull(),
  signedOutAt: instant("signed_out_at"),
  signedInWith: text("signed_in_with", { enum: ["code", "provider"] })
    .notNull()
    .default("code"),
});

export const providerSignIns = pgTable("provider_sign_ins", {
  id: text("id").primaryKey(),
  provider: text("provider", { enum: ["one-login", "staff"] }).notNull(),
  state: text("state").notNull(),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  returnTo: text("return_to"),
  language: text("language", { enum: ["en", "cy"] }).notNull(),
  createdAt: createdAt(),
  expiresAt: instant("expires_at").notNull(),
});
