/**
 * Fills the database at DATABASE_PATH (or DATABASE_URL) with residents who have each written and
 * published a whole story and shared all but one part of it with an agency,
 * through the same model and service functions the pages use, and prints
 * session tokens for the first few residents, and the cookies of as many
 * professionals who have proven their work address for one of those shares,
 * as JSON: `{ "sessions": [{ "token", "storyId" }], "professionals": [{ "shareId", "token" }] }`.
 *
 * `--from` numbers the first resident, so a second run adds to the first.
 *
 * Usage: DATABASE_PATH=… npx tsx tests/bench/seed.ts [--from 1] --residents 10000 --sessions 50
 */
import { findOrCreateResident } from "#app/models/resident.server";
import { createSession, newToken } from "#app/models/session.server";
import { insertShare } from "#app/models/share.server";
import { insertShareAccess } from "#app/models/share-access.server";
import { saveDraftSection } from "#app/models/story.server";
import { publishStory, startStory } from "#app/services/story.server";
import { accessExpiresAt, sectionsToShare, shareEndsAt } from "#app/services/sharing/consent-rules";
import { closeDatabase, db, sqlite } from "#db/client.server";
import { agencies } from "#db/schema";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const from = option("from", 1);
const residentCount = option("residents", 10_000);
const sessionCount = option("sessions", 50);
// A made-up database need not survive a power cut: each commit need not wait for the disk
// (on PostgreSQL the benchmark asks the same with synchronous_commit=off in DATABASE_URL).
sqlite?.pragma("synchronous = OFF");

const paragraph = (topic: string, n: number) =>
  `${topic} ${n}. `.repeat(1) +
  "Most days start well if I have slept, and I like to be outside in the morning. My sister comes on Tuesdays and we cook together. " +
  "When letters arrive that I do not understand I put them in a drawer, and then I worry about them.\nI would rather talk in person than on the phone.";

function story(n: number) {
  return {
    about: {
      name: `Resident ${n}`,
      preferredName: `R${n}`,
      contactBy: ["email", "text"],
      email: `resident${n}@example.org`,
      phone: "07700 900123",
      address: "",
      safeToLeaveMessages: "yes",
      language: n % 7 === 0 ? "welsh" : "english",
      otherLanguage: "",
      needs: ["moreTime", "someoneWithMe"],
      needsDetails: "Please give me time to answer and let my sister come with me.",
    },
    story: { now: paragraph("What is happening now", n), past: paragraph("What from the past matters", n) },
    matters: { matters: paragraph("What matters to me", n) },
    strengths: { strengths: paragraph("My strengths", n) },
    working: { working: paragraph("What is working", n), notWorking: paragraph("What is not working", n) },
    goals: {
      goals: [
        { goal: "Get back to my allotment", help: "A lift on Saturdays" },
        { goal: "Sort out my letters", help: "Someone to read them with me once a month" },
        { goal: "Sleep better", help: "A quieter flat" },
      ],
    },
    support: {
      people: [
        { name: "My sister", how: "Cooks with me on Tuesdays" },
        { name: "My neighbour", how: "Checks on me" },
      ],
    },
    services: {
      services: [
        { name: "GP surgery", what: "My medication" },
        { name: "Housing officer", what: "The damp in my flat" },
      ],
    },
    "dont-ask": { dontAsk: "Please do not ask me again about the night of the fire." },
  };
}

const started = Date.now();
const sessions: { token: string; storyId: string }[] = [];
const professionals: { shareId: string; token: string }[] = [];
const now = new Date();
// The agencies the server added when it started in demo mode.
const agencyIds = (await db.select({ id: agencies.id }).from(agencies)).map((agency) => agency.id);
if (agencyIds.length === 0) throw new Error("there are no agencies to share with: start the server once first");
const sections = sectionsToShare(["about", "story", "matters", "strengths", "working", "goals", "support", "services"]);
const endsAt = shareEndsAt({ months: 6 }, now);
if (!endsAt.ok) throw new Error("six months from now is not a valid end date");
// Each step in its own transaction, as the pages make them (services begin their own).
for (let n = from; n < from + residentCount; n++) {
  const resident = await findOrCreateResident(db, `resident${n}@example.org`, n % 7 === 0 ? "cy" : "en", now);
  const storyId = await startStory(resident.id, now);
  for (const [section, content] of Object.entries(story(n))) {
    await saveDraftSection(db, { storyId, section, content, status: "completed", by: resident.id, now });
  }
  const published = await publishStory(storyId, resident.id, now);
  if (!published.ok) throw new Error(`story ${n} did not publish: ${published.reason}`);
  const shareId = await insertShare(
    db,
    {
      storyId,
      agencyId: agencyIds[n % agencyIds.length],
      sections,
      purpose: "To help them understand and support me.",
      version: published.version,
      keepUpToDate: true,
      contactAllowed: false,
      contactMethods: [],
      endsAt: endsAt.endsAt,
      tokenHash: newToken().hash,
      createdBy: resident.id,
    },
    now,
  );
  if (n < from + sessionCount) {
    sessions.push({ token: await createSession(db, resident.id, now), storyId });
    const access = newToken();
    await insertShareAccess(db, {
      idHash: access.hash,
      shareId,
      email: `worker${n}@example.org`,
      verifiedAt: now,
      expiresAt: accessExpiresAt(now, true),
      createdAt: now,
    });
    professionals.push({ shareId, token: access.token });
  }
}

process.stderr.write(`Seeded ${residentCount} residents with published, shared stories in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.stdout.write(`${JSON.stringify({ sessions, professionals })}\n`);
await closeDatabase();
