/** The staff area's journey (staff-journey.ts) with JavaScript off: at 375 px in English and at 1280 px in Welsh. */
import { openPortal } from "#tests/support/journey";
import { adminEmails, staffJourney } from "./staff-journey";

const server = openPortal({ ADMIN_EMAILS: adminEmails, COST_PER_RETELLING: "250" });
staffJourney(server, false);
