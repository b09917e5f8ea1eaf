import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/** A new row's id, where the row is made by the app rather than named by a hash. */
const newId = () => randomUUID();

/**
 * Security-relevant events, append-only. `detail` never holds personal
 * content: identifiers and reasons only.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    event: text("event").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, string | number | boolean | null>>(),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (table) => [index("audit_events_at").on(table.at)],
);

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** A person who signs in. Passwordless: they prove the address with an emailed code. */
export const residents = sqliteTable("residents", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  language: text("language", { enum: ["en", "cy"] })
    .notNull()
    .default("en"),
  createdAt: createdAt(),
  lastSignedInAt: integer("last_signed_in_at", { mode: "timestamp_ms" }),
  /** When the account was told it would be deleted for being unused (retention); cleared by signing in. */
  /** When the account was deleted: its address is gone (replaced by a placeholder that cannot sign in), kept only as what versions and records it made point to. */
  erasedAt: integer("erased_at", { mode: "timestamp_ms" }),
  retentionWarnedAt: integer("retention_warned_at", { mode: "timestamp_ms" }),
  /** The person's GOV.UK One Login (its `sub`), once they have signed in with it: found by this first, so a change of address there still finds the account. */
  oneLoginSub: text("one_login_sub").unique(),
});

/**
 * A code sent to prove an email address. The browser that asked holds a random
 * token in a cookie; only its hash is the id here, and only a keyed hash of the code is kept.
 */
export const signInCodes = sqliteTable(
  "sign_in_codes",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    codeHash: text("code_hash").notNull(),
    language: text("language", { enum: ["en", "cy"] }).notNull(),
    returnTo: text("return_to"),
    wrongAttempts: integer("wrong_attempts").notNull().default(0),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    /** Set when the code proves a professional's work address for one browser's access to a share; null for a resident signing in. */
    shareAccessId: text("share_access_id").references((): AnySQLiteColumn => shareAccess.idHash, { onDelete: "cascade" }),
    /** Set when the code confirms a new address for this account (changing the email address); null otherwise. */
    changesEmailOf: text("changes_email_of").references(() => residents.id, { onDelete: "cascade" }),
    /** Set when the code signs a member of the council's staff in to the staff area; never with the columns above. */
    forStaff: integer("for_staff", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [index("sign_in_codes_email").on(table.email), index("sign_in_codes_share_access").on(table.shareAccessId)],
);

/** A signed-in browser. The cookie holds a random id; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    residentId: text("resident_id")
      .notNull()
      .references(() => residents.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    // Kept, no longer live, until it would have expired, so another tab can say the person signed out rather than timed out.
    signedOutAt: integer("signed_out_at", { mode: "timestamp_ms" }),
    // The ID token of a session begun with GOV.UK One Login: the hint its end-session endpoint asks for on signing out.
    oneLoginIdToken: text("one_login_id_token"),
  },
  (table) => [index("sessions_resident").on(table.residentId)],
);

/** Fixed-window counters, kept in the database so every instance sees the same limits. */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] })],
);

/**
 * Every email the service sends, written in the same transaction as the event
 * that causes it, then delivered (and retried) by the mail worker.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    language: text("language", { enum: ["en", "cy"] }).notNull(),
    personalisation: text("personalisation", { mode: "json" }).$type<Record<string, string>>().notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (table) => [index("outbox_due").on(table.status, table.nextAttemptAt)],
);

/** The person a story is about: the account holder, or someone a carer writes for. */
export const subjects = sqliteTable("subjects", {
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
  basisRemindedAt: integer("basis_reminded_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

export const stories = sqliteTable(
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
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("stories_owner").on(table.ownerId)],
);

/** The private draft, one row per section the resident has saved. */
export const storySections = sqliteTable(
  "story_sections",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    section: text("section").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["in_progress", "completed"] }).notNull(),
    /** Who saved it last: the owner or a helper (null for a section saved before helpers existed). */
    updatedBy: text("updated_by"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.storyId, table.section] })],
);

/** Published versions: immutable (a trigger refuses updates), numbered 1, 2, 3… per story. */
export const storyVersions = sqliteTable(
  "story_versions",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, Record<string, unknown>>>().notNull(),
    publishedBy: text("published_by")
      .notNull()
      .references(() => residents.id),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
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
export const storyInvitations = sqliteTable(
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
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (table) => [
    index("story_invitations_story").on(table.storyId),
    index("story_invitations_resident").on(table.residentId),
    index("story_invitations_email").on(table.email),
  ],
);

/** Organisations a story can be shared with. `key` is the stable id a council's import file uses. */
export const agencies = sqliteTable("agencies", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  // Welsh pages show these, falling back to the English when a council has not given them.
  nameCy: text("name_cy"),
  descriptionCy: text("description_cy"),
  contactEmail: text("contact_email").notNull(),
  domains: text("domains", { mode: "json" }).$type<string[]>().notNull(),
  /** Single addresses that may open the agency's links, besides any address at one of `domains`. */
  addresses: text("addresses", { mode: "json" }).$type<string[]>().notNull().default([]),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * One agency's access to one story: which sections, until when, and whether it
 * follows new versions. Reached through a capability link whose token only
 * exists as its SHA-256 here; a new link replaces the old hash.
 */
export const shares = sqliteTable(
  "shares",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    sections: text("sections", { mode: "json" }).$type<string[]>().notNull(),
    purpose: text("purpose").notNull(),
    version: integer("version").notNull(),
    keepUpToDate: integer("keep_up_to_date", { mode: "boolean" }).notNull(),
    contactAllowed: integer("contact_allowed", { mode: "boolean" }).notNull(),
    contactMethods: text("contact_methods", { mode: "json" }).$type<string[]>().notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    status: text("status", { enum: ["active", "stopped", "ended"] })
      .notNull()
      .default("active"),
    stoppedAt: integer("stopped_at", { mode: "timestamp_ms" }),
    endedNotifiedAt: integer("ended_notified_at", { mode: "timestamp_ms" }),
    /** When, the retention period after the share ended, who opened it and who replied were forgotten. */
    accessForgottenAt: integer("access_forgotten_at", { mode: "timestamp_ms" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => residents.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("shares_story").on(table.storyId), index("shares_ending").on(table.status, table.endsAt)],
);

/**
 * What a person agreed to, exactly as shown to them: append-only (triggers
 * refuse updates and deletes). A change or a withdrawal is a new record.
 */
export const consentRecords = sqliteTable(
  "consent_records",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    // No cascading deletes: consent records outlive what they describe (kept 6 years, see the privacy notice).
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
    sections: text("sections", { mode: "json" }).$type<string[]>().notNull(),
    purpose: text("purpose").notNull(),
    wording: text("wording").notNull(),
    wordingVersion: text("wording_version").notNull(),
    wordingHash: text("wording_hash").notNull(),
    language: text("language", { enum: ["en", "cy"] }).notNull(),
    method: text("method").notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("consent_records_share").on(table.shareId)],
);

/** Choices made so far in the share journey, before the person agrees. One per story. */
export const shareDrafts = sqliteTable("share_drafts", {
  storyId: text("story_id")
    .primaryKey()
    .references(() => stories.id, { onDelete: "cascade" }),
  choices: text("choices", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * One browser's access to one share, made when the link is opened. The cookie
 * holds a random token; only its SHA-256 is the id. `email` and `verifiedAt`
 * are set once the professional proves a work address at one of the agency's
 * domains; from then `expiresAt` is 8 hours on.
 */
export const shareAccess = sqliteTable(
  "share_access",
  {
    idHash: text("id_hash").primaryKey(),
    shareId: text("share_id")
      .notNull()
      .references(() => shares.id, { onDelete: "cascade" }),
    email: text("email"),
    verifiedAt: integer("verified_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("share_access_share").on(table.shareId)],
);

/**
 * Each time a professional opened a shared story: who (the verified address),
 * for which agency, which version and which sections they were shown. The
 * resident reads this on "Who has your story". Append-only (triggers).
 */
export const shareViews = sqliteTable(
  "share_views",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shareId: text("share_id")
      .notNull()
      .references(() => shares.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    email: text("email").notNull(),
    version: integer("version").notNull(),
    sections: text("sections", { mode: "json" }).$type<string[]>().notNull(),
    viewedAt: integer("viewed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("share_views_share").on(table.shareId, table.viewedAt)],
);

/** A professional telling the person their story was received: who, in what role, and an optional short message. */
export const shareReplies = sqliteTable(
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
export const erasedStories = sqliteTable("erased_stories", {
  storyId: text("story_id").primaryKey(),
  startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  versions: integer("versions").notNull(),
  agencies: integer("agencies").notNull(),
  reason: text("reason", { enum: ["deleted", "account-deleted", "retention"] }).notNull(),
  erasedAt: integer("erased_at", { mode: "timestamp_ms" }).notNull(),
});

/** A signed-in member of the council's staff: apart from residents' sessions. The cookie holds a random id; only its SHA-256 is stored. */
export const staffSessions = sqliteTable("staff_sessions", {
  idHash: text("id_hash").primaryKey(),
  email: text("email").notNull(),
  createdAt: createdAt(),
  lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  signedOutAt: integer("signed_out_at", { mode: "timestamp_ms" }),
  /** How the member of staff signed in: a code to an address in ADMIN_EMAILS, or the council's identity provider. */
  signedInWith: text("signed_in_with", { enum: ["code", "provider"] })
    .notNull()
    .default("code"),
});

/**
 * A sign-in sent to an identity provider (GOV.UK One Login, or the council's
 * for staff) and not yet back. The browser holds a random token in a cookie;
 * only its hash is the id here. The row is deleted as the answer is taken, so
 * a state can be used once.
 */
export const providerSignIns = sqliteTable("provider_sign_ins", {
  id: text("id").primaryKey(),
  provider: text("provider", { enum: ["one-login", "staff"] }).notNull(),
  state: text("state").notNull(),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  returnTo: text("return_to"),
  language: text("language", { enum: ["en", "cy"] }).notNull(),
  createdAt: createdAt(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});
