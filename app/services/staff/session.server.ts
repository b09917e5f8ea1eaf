import { sha256 } from "#app/lib/sha256.server";
import { deleteStaffSession, findStaffSession, staffSessionIsLive, touchStaffSession } from "#app/models/staff-session.server";
import { staffSessionToken } from "#app/web/session.server";
import { staffReference, staffSessionAllowed } from "./sign-in.server";

/** A signed-in member of staff: the session, and the reference the audit log knows them by. */
export type SignedInStaff = { staff: { email: string; reference: string }; sessionHash: string };

/** Why a browser that had a staff session has one no longer: the staff sign-in page says which. */
export type StaffSessionEnded = "timedOut" | "signedOut";

type StaffSessionState = SignedInStaff | { ended: StaffSessionEnded } | null;

// Several loaders of one request ask at once: look the session up once.
const seen = new WeakMap<Request, Promise<StaffSessionState>>();

// Last seen is written at most once a minute: plenty for a 30-minute timeout.
const TOUCH_AFTER_MS = 60 * 1000;

/**
 * The staff session this request's staff cookie names, if it is live and still
 * allowed (staffSessionAllowed: taking an address off ADMIN_EMAILS ends its
 * sessions at the next request); why it ended, if it has; or null.
 */
export function staffSessionState(request: Request, now = new Date()): Promise<StaffSessionState> {
  let state = seen.get(request);
  if (!state) {
    state = lookUp(request, now);
    seen.set(request, state);
  }
  return state;
}

async function lookUp(request: Request, now: Date): Promise<StaffSessionState> {
  const token = staffSessionToken(request);
  if (!token) return null;
  const hash = sha256(token);
  const session = await findStaffSession(hash);
  if (!session) return null;
  if (session.signedOutAt) return { ended: "signedOut" };
  if (staffSessionIsLive(session, now) && staffSessionAllowed(session)) {
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchStaffSession(hash, now);
    return { staff: { email: session.email, reference: staffReference(session.email) }, sessionHash: hash };
  }
  await deleteStaffSession(hash);
  return staffSessionAllowed(session) ? { ended: "timedOut" } : null;
}
