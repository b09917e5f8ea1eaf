/*
 * Helpers and handing a story over, over HTTP against the built server: the
 * owner invites by email with a permission; the invitee signs in with that
 * address and accepts within 14 days; the owner withdraws an invitation or
 * removes a helper, whose next request is refused; who saved each change,
 * version and share is named; and a story written for someone is handed over
 * to them, who decide what its former owner may still do, while its shares
 * carry on and each agency is told.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { errorSummary, expectRedirect, text, type Browser, type Page } from "#tests/support/http-client";
import { acceptInvitation, inviteHelper, publishedStoryForSomeone } from "#tests/support/helpers-journey";
import { serverForThisFile } from "#tests/support/server-for-file";
import { publishedStory, shareThroughTheJourney } from "#tests/support/share-journey";
import { bodyOf, emailsSentTo, signedIn, startServerWithMail } from "#tests/support/sign-in";
import { subjectOf } from "#tests/support/professional";
import { rawKeysIn } from "#tests/support/raw-keys";

const server = serverForThisFile(() => startServerWithMail());
let gwen: Browser;

beforeAll(async () => {
  gwen = await signedIn(server, "gwen@example.org");
});

const agencyId = async (name: string) => (await server.query<{ id: string }>("select id from agencies where name = ?", name))[0].id;
const invitation = async (id: string) =>
  (await server.query<{ status: string; resident_id: string | null; email: string }>("select * from story_invitations where id = ?", id))[0];
/** The text of each row of the page's tables, cell by cell. */
const rows = (page: Page) =>
  page.doc
    .tag("tr")
    .map((row) => page.doc.tag("td", row).map(text))
    .filter((cells) => cells.length > 0);
/** The invitee signed in, once the invitation's email has gone, so that the next email to them is the sign-in code. */
async function invitee(email: string): Promise<Browser> {
  await emailsSentTo(server, email, 0);
  return await signedIn(server, email);
}
const words = (page: Page) => text(page.doc.one("main"));

describe("inviting a helper", () => {
  let storyId: string;
  beforeAll(async () => {
    storyId = await publishedStoryForSomeone(gwen, { name: "Dafydd Jones", relationship: "his mother", writerName: "Gwen Jones" });
  });

  test("the owner's page lists nobody yet and offers the invitation", async () => {
    const page = await gwen.get(`/stories/${storyId}/helpers`);
    expect(page.status).toBe(200);
    expect(page.doc.h1).toBe("People helping with this story");
    expect(words(page)).toContain("Nobody is helping with this story yet.");
    expect(words(page)).toContain("Hand this story over to Dafydd Jones");
    const task = await gwen.get(`/stories/${storyId}`);
    expect(task.doc.all((el) => el.tagName === "a" && text(el) === "People helping with this story")).toHaveLength(1);
  });

  test("nothing typed, a bad address, or the owner's own: 400 with each error in page order, and nothing made or sent", async () => {
    const before = await server.rowCounts();
    const empty = await gwen.post(`/stories/${storyId}/helpers/invite`, {});
    expect(empty.status).toBe(400);
    expect(empty.doc.title).toMatch(/^Error: Invite someone to help with this story/);
    expect(errorSummary(empty)).toEqual([
      { href: "#name", text: "Enter their name" },
      { href: "#email", text: "Enter their email address" },
      { href: "#permission", text: "Select what they can do" },
    ]);
    const format = await gwen.post(`/stories/${storyId}/helpers/invite`, { name: "Rhys Jones", email: "rhys at example", permission: "edit" });
    expect(errorSummary(format)).toEqual([{ href: "#email", text: "Enter an email address in the correct format, like name@example.com" }]);
    const own = await gwen.post(`/stories/${storyId}/helpers/invite`, { name: "Gwen", email: " Gwen@Example.org ", permission: "edit" });
    expect(own.status).toBe(400);
    expect(errorSummary(own)).toEqual([{ href: "#email", text: "Enter someone else’s email address: this is the address you sign in with" }]);
    const role = await gwen.post(`/stories/${storyId}/helpers/invite`, { name: "Rhys", email: "rhys@example.org", permission: "owner" });
    expect(errorSummary(role)).toEqual([{ href: "#permission", text: "Select what they can do" }]);
    const { rate_limits: _limits, ...after } = await server.rowCounts();
    const { rate_limits: _limitsBefore, ...expected } = before;
    expect(after).toEqual(expected);
  });

  test("an invitation: emailed with who asked, what they could do, the link and the 14 days, and nothing of the story", async () => {
    const since = server.mail.received.length;
    const id = await inviteHelper(gwen, storyId, { name: "Rhys Jones", email: "Rhys@Example.org", permission: "edit" });
    const listed = await gwen.get(`/stories/${storyId}/helpers?done=invited&invitation=${id}`);
    expect(text(listed.doc.byClass("govuk-notification-banner")[0])).toContain("We have emailed Rhys Jones an invitation.");
    expect(rows(listed)).toContainEqual(["Rhys Jonesrhys@example.org", expect.any(String), "Withdraw Rhys Jones"]);
    const [email] = await emailsSentTo(server, "rhys@example.org", since);
    expect(subjectOf(email)).toBe("Gwen Jones has asked you to help with a story in Tell it once");
    const body = bodyOf(email);
    expect(body).toContain("You will not be able to share it with anyone.");
    expect(body).toContain(`${server.url}/invitations/${id}`);
    const expires = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    expect(body).toContain(`You can accept until ${expires}.`);
    expect(body).not.toContain("Dafydd");
    expect(body).not.toContain("His garden");
  });

  test("the same address again is refused while the first is waiting", async () => {
    const again = await gwen.post(`/stories/${storyId}/helpers/invite`, { name: "Rhys", email: "rhys@example.org", permission: "editAndShare" });
    expect(again.status).toBe(400);
    expect(errorSummary(again)).toEqual([{ href: "#email", text: "This person is already helping or has an invitation waiting" }]);
  });

  test("someone signed in with another address is told so, and shown nothing of the story; Your stories shows them nothing", async () => {
    const [{ id }] = await server.query<{ id: string }>("select id from story_invitations where email = 'rhys@example.org' and story_id = ?", storyId);
    const other = await signedIn(server, "not-rhys@example.org");
    const page = await other.get(`/invitations/${id}`);
    expect(page.status).toBe(403);
    expect(page.doc.h1).toBe("This invitation was sent to a different email address");
    expect(page.html).not.toContain("Dafydd");
    expect(page.html).not.toContain("Gwen");
    const answered = await other.post(`/invitations/${id}`, { answer: "yes" });
    expect(answered.status).toBe(303);
    expect((await invitation(id)).status).toBe("invited");
    expect(words(await other.get("/stories"))).not.toContain("invited to help");
    // A made-up invitation is not there.
    expect((await other.get("/invitations/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await other.get("/invitations/not-an-id")).status).toBe(404);
  });

  test("signed out, the link asks for sign-in and comes back; nothing chosen is an error; yes makes a helper, once", async () => {
    const [{ id }] = await server.query<{ id: string }>("select id from story_invitations where email = 'rhys@example.org' and story_id = ?", storyId);
    const signedOut = await gwen.client.browser().get(`/invitations/${id}`);
    expectRedirect(signedOut, `/sign-in?returnTo=%2Finvitations%2F${id}`);

    const rhys = await invitee("rhys@example.org");
    const list = await rhys.get("/stories");
    expect(words(list)).toContain("You have been invited to help with a story.");
    const page = await rhys.get(`/invitations/${id}`);
    expect(page.status).toBe(200);
    expect(page.doc.h1).toBe("Gwen Jones has asked you to help with a story");
    expect(words(page)).toContain("Dafydd Jones");
    const none = await rhys.post(`/invitations/${id}`, {});
    expect(none.status).toBe(400);
    expect(errorSummary(none)).toEqual([{ href: "#answer", text: "Select yes if you want to help with this story" }]);

    // Sent twice at once: whichever is first makes the helper; the other is sent back to the link, which now leads to the story.
    const both = await Promise.all([rhys.post(`/invitations/${id}`, { answer: "yes" }), rhys.post(`/invitations/${id}`, { answer: "yes" })]);
    expect(both.map((answer) => answer.status)).toEqual([303, 303]);
    const welcome = `/stories/${storyId}?welcome=helping`;
    const yes = both.find((answer) => answer.headers.get("location") === welcome)!;
    const again = both.find((answer) => answer !== yes)!;
    expect(yes).toBeDefined();
    expect(again.headers.get("location")).toBe(`/invitations/${id}`);
    expectRedirect(await rhys.follow(again), `/stories/${storyId}`);
    expect(await invitation(id)).toMatchObject({ status: "accepted" });
    const accepted = await server.query("select id from audit_events where event = 'invitation_accepted'");
    expect(accepted).toHaveLength(1);

    const task = await rhys.follow(yes);
    expect(words(task)).toContain("You are now helping with this story.");
    expect(words(task)).toContain("You are helping Gwen Jones with this story. You can read and change it, and save new versions.");
    expect(words(task)).not.toContain("People helping with this story");
    expect(rows(await rhys.get("/stories"))).toContainEqual(["Dafydd Jones", "Version 1 saved"]);
    expect(words(await rhys.get("/stories"))).toContain("Stories you help with");
    // The link, once accepted, leads to the story.
    expectRedirect(await rhys.get(`/invitations/${id}`), `/stories/${storyId}`);
  });

  test("what a helper changes and saves is named as theirs: 'Changed by' and 'Saved by', and 'You' to themselves", async () => {
    const rhys = await signedIn(server, "rhys@example.org");
    expect((await rhys.post(`/stories/${storyId}/matters`, { matters: "His garden and his bike.", mattersVoice: "theirs", intent: "continue" })).status).toBe(
      302,
    );
    const history = await gwen.get(`/stories/${storyId}/versions`);
    expect(rows(history)).toContainEqual(["What matters to you", "Rhys Jones", expect.any(String)]);
    expect((await rhys.post(`/stories/${storyId}/check`)).status).toBe(302);
    const saved = rows(await gwen.get(`/stories/${storyId}/versions`));
    expect(saved[0]).toEqual(["2 Latest", expect.stringMatching(/by Rhys Jones$/), "Read version 2"]);
    expect(saved[1]).toEqual(["1", expect.stringMatching(/by You$/), "Read version 1"]);
    expect(rows(await rhys.get(`/stories/${storyId}/versions`))[0]).toEqual(["2 Latest", expect.stringMatching(/by You$/), "Read version 2"]);
    // The words he wrote down are labelled as written down by him, not by Gwen.
    expect(words(await gwen.get(`/stories/${storyId}/versions/2`))).toContain("Dafydd Jones’s own words, written down by Rhys Jones");
    expect((await rhys.post(`/stories/${storyId}/matters`, { matters: "He needs a quiet room.", mattersVoice: "mine", intent: "continue" })).status).toBe(302);
    expect(words(await gwen.get(`/stories/${storyId}/check`))).toContain("Rhys Jones’s view");
    const [section] = await server.query<{ updated_by: string }>("select updated_by from story_sections where story_id = ? and section = 'matters'", storyId);
    const [{ id: rhysId }] = await server.query<{ id: string }>("select id from residents where email = 'rhys@example.org'");
    expect(section.updated_by).toBe(rhysId);
  });

  test("removing a helper: asked first, then at once their next request is refused, GET and POST", async () => {
    const rhys = await signedIn(server, "rhys@example.org");
    const [{ id }] = await server.query<{ id: string }>("select id from story_invitations where email = 'rhys@example.org' and story_id = ?", storyId);
    const confirm = await gwen.get(`/stories/${storyId}/helpers/${id}`);
    expect(confirm.doc.h1).toBe("Remove Rhys Jones as a helper?");
    expectRedirect(await gwen.post(`/stories/${storyId}/helpers/${id}`), `/stories/${storyId}/helpers?done=removed&invitation=${id}`);
    expect((await rhys.get(`/stories/${storyId}`)).status).toBe(404);
    const before = await server.rowCounts();
    expect((await rhys.post(`/stories/${storyId}/matters`, { matters: "Still here?", intent: "continue" })).status).toBe(404);
    const { audit_events: _a, ...after } = await server.rowCounts();
    const { audit_events: _b, ...expected } = before;
    expect(after).toEqual(expected);
    // Removed twice: the second finds nothing there.
    expect((await gwen.get(`/stories/${storyId}/helpers/${id}`)).status).toBe(404);
    expect(words(await gwen.get(`/stories/${storyId}/helpers`))).toContain("Nobody is helping with this story yet.");
    // The history still names him.
    expect(rows(await gwen.get(`/stories/${storyId}/versions`))[0][1]).toMatch(/by Rhys Jones$/);
  });

  test("withdrawn, expired or declined, an invitation can no longer be accepted", async () => {
    const withdrawn = await inviteHelper(gwen, storyId, { name: "Ann Withdrawn", email: "ann@example.org", permission: "edit" });
    expect((await gwen.get(`/stories/${storyId}/helpers/${withdrawn}`)).doc.h1).toBe("Withdraw the invitation to Ann Withdrawn?");
    expectRedirect(await gwen.post(`/stories/${storyId}/helpers/${withdrawn}`), `/stories/${storyId}/helpers?done=withdrawn&invitation=${withdrawn}`);
    const ann = await invitee("ann@example.org");
    const gone = await ann.get(`/invitations/${withdrawn}`);
    expect(gone.status).toBe(410);
    expect(gone.doc.h1).toBe("This invitation can no longer be accepted");
    expect(gone.html).not.toContain("Dafydd");

    const expired = await inviteHelper(gwen, storyId, { name: "Bea Late", email: "bea@example.org", permission: "edit" });
    await server.write("update story_invitations set expires_at = ? where id = ?", new Date(Date.now() - 1000), expired);
    const bea = await invitee("bea@example.org");
    expect((await bea.get(`/invitations/${expired}`)).status).toBe(410);
    await bea.post(`/invitations/${expired}`, { answer: "yes" });
    expect((await invitation(expired)).status).toBe("invited");
    expect((await bea.get(`/stories/${storyId}`)).status).toBe(404);
    expect(words(await gwen.get(`/stories/${storyId}/helpers`))).not.toContain("Bea Late");

    const declined = await inviteHelper(gwen, storyId, { name: "Cai No", email: "cai@example.org", permission: "edit" });
    const cai = await invitee("cai@example.org");
    const no = await cai.post(`/invitations/${declined}`, { answer: "no" });
    expectRedirect(no, "/stories?declined=1", 303);
    expect(words(await cai.follow(no))).toContain("You have declined the invitation.");
    expect((await invitation(declined)).status).toBe("declined");
    expect((await cai.get(`/stories/${storyId}`)).status).toBe(404);
  });

  test("up to 10 people at once: the eleventh is refused", async () => {
    const story = await publishedStory(server, gwen.jar.get("session")!);
    for (let n = 1; n <= 10; n++) await inviteHelper(gwen, story, { name: `Helper ${n}`, email: `helper${n}@example.org`, permission: "edit" });
    const eleventh = await gwen.post(`/stories/${story}/helpers/invite`, { name: "One Too Many", email: "helper11@example.org", permission: "edit" });
    expect(eleventh.status).toBe(400);
    expect(errorSummary(eleventh)[0].text).toBe("Up to 10 people can help with a story at once. Remove a helper or withdraw an invitation first");
  });

  test("every page about helpers reads in Welsh, with no raw keys, its errors included", async () => {
    const waiting = await inviteHelper(gwen, storyId, { name: "Gethin", email: "gethin@example.org", permission: "edit" });
    const gethin = await invitee("gethin@example.org");
    const pages = [
      await gwen.get(`/stories/${storyId}/helpers`, { lang: "cy" }),
      await gwen.get(`/stories/${storyId}/helpers/invite`, { lang: "cy" }),
      await gwen.post(`/stories/${storyId}/helpers/invite`, {}, { lang: "cy" }),
      await gwen.get(`/stories/${storyId}/helpers/${waiting}`, { lang: "cy" }),
      await gwen.get(`/stories/${storyId}/hand-over`, { lang: "cy" }),
      await gwen.post(`/stories/${storyId}/hand-over`, {}, { lang: "cy" }),
      await gwen.get(`/stories/${storyId}/versions`, { lang: "cy" }),
      await gethin.get(`/invitations/${waiting}`, { lang: "cy" }),
      await gethin.post(`/invitations/${waiting}`, {}, { lang: "cy" }),
      await gethin.get("/stories", { lang: "cy" }),
    ];
    for (const page of pages) {
      expect(page.doc.lang).toBe("cy");
      // The words on the page and in its title.
      expect(rawKeysIn(`${page.doc.title} ${text(page.doc.one("body"))}`), page.doc.title).toEqual([]);
    }
    expect(pages.map((page) => page.doc.h1)).toEqual([
      "Pobl sy’n helpu gyda’r stori hon",
      "Gwahodd rhywun i helpu gyda’r stori hon",
      "Gwahodd rhywun i helpu gyda’r stori hon",
      "Tynnu’r gwahoddiad i Gethin yn ôl?",
      "Trosglwyddo’r stori hon i Dafydd Jones",
      "Trosglwyddo’r stori hon i Dafydd Jones",
      "Fersiynau o’ch stori",
      "Mae Gwen Jones wedi gofyn i chi helpu gyda stori",
      "Mae Gwen Jones wedi gofyn i chi helpu gyda stori",
      "Eich straeon",
    ]);
    expect(pages[8].doc.title).toMatch(/^Gwall: /);
    expect(errorSummary(pages[8])).toEqual([{ href: "#answer", text: "Dewiswch ‘Ydw’ os ydych chi eisiau helpu gyda’r stori hon" }]);
    expect(words(pages[9])).toContain("Rydych chi wedi cael gwahoddiad i helpu gyda stori.");
    await gwen.post(`/stories/${storyId}/helpers/${waiting}`);
  });

  test("in Welsh: the page, its errors and the email", async () => {
    const empty = await gwen.post(`/stories/${storyId}/helpers/invite`, {}, { lang: "cy" });
    expect(errorSummary(empty).map((error) => error.text)).toEqual(["Rhowch eu henw", "Rhowch eu cyfeiriad e-bost", "Dewiswch beth gallan nhw ei wneud"]);
    const since = server.mail.received.length;
    const sent = await gwen.post(`/stories/${storyId}/helpers/invite`, { name: "Siân", email: "sian@example.org", permission: "editAndShare" }, { lang: "cy" });
    expect(sent.status).toBe(302);
    const [email] = await emailsSentTo(server, "sian@example.org", since);
    expect(subjectOf(email)).toBe("Mae Gwen Jones wedi gofyn i chi helpu gyda stori yn Dweud unwaith");
    expect(bodyOf(email)).toContain("a’i rhannu gyda gwasanaethau");
  });
});

describe("a helper who can edit and share", () => {
  test("shares in their own name: the declaration says who they are, the record and 'Who has your story' name them", async () => {
    const nia = await signedIn(server, "nia@example.org");
    const storyId = await publishedStoryForSomeone(nia);
    const id = await inviteHelper(nia, storyId, { name: "Owain Davies", email: "owain@example.org", permission: "editAndShare" });
    const owain = await acceptInvitation(server, "owain@example.org", id);
    const gp = await agencyId("Riverside Medical Practice");
    await shareThroughTheJourney(server, owain.jar.get("session")!, storyId, [gp], "no");
    const [record] = await server.query<{ agreed_by: string; wording: string }>(
      "select agreed_by, wording from consent_records join shares on shares.id = share_id where shares.story_id = ?",
      storyId,
    );
    const [{ id: owainId }] = await server.query<{ id: string }>("select id from residents where email = 'owain@example.org'");
    expect(record.agreed_by).toBe(owainId);
    expect(record.wording).toContain("You are Owain Davies, and you help with this story. The person who manages it has let you share it.");
    const who = await nia.get(`/stories/${storyId}/shares`);
    expect(words(who)).toContain("Shared byOwain Davies");
    const [{ id: shareId }] = await server.query<{ id: string }>("select id from shares where story_id = ?", storyId);
    const receipt = await nia.get(`/stories/${storyId}/shares/${shareId}/receipt`);
    expect(rows(receipt)).toContainEqual([expect.any(String), "Agreed to share", "Owain Davies"]);
  });
});

describe("handing a story over", () => {
  let storyId: string;
  let rhysId: string;
  const GP = "Riverside Medical Practice";
  const HOUSING = "Demo Council Housing Options";

  beforeAll(async () => {
    storyId = await publishedStoryForSomeone(gwen, { name: "Dafydd Jones", relationship: "his mother", writerName: "Gwen Jones" });
    await shareThroughTheJourney(server, gwen.jar.get("session")!, storyId, [await agencyId(GP), await agencyId(HOUSING)], "yes");
    const invited = await inviteHelper(gwen, storyId, { name: "Rhys Jones", email: "rhys.father@example.org", permission: "edit" });
    await acceptInvitation(server, "rhys.father@example.org", invited);
    [{ id: rhysId }] = await server.query<{ id: string }>("select id from residents where email = 'rhys.father@example.org'");
    // One share stopped before the hand-over: its agency is not told.
    const [stopped] = await server.query<{ id: string }>(
      "select shares.id from shares join agencies on agencies.id = agency_id where story_id = ? and agencies.name = ?",
      storyId,
      HOUSING,
    );
    expect((await gwen.post(`/stories/${storyId}/shares/${stopped.id}/stop`)).status).toBe(302);
  });

  test("only a story written for someone else, and only by its owner", async () => {
    const own = await publishedStory(server, gwen.jar.get("session")!);
    expect((await gwen.get(`/stories/${own}/hand-over`)).status).toBe(404);
    const rhys = await signedIn(server, "rhys.father@example.org");
    expect((await rhys.get(`/stories/${storyId}/hand-over`)).status).toBe(403);
    expect((await gwen.get(`/stories/${storyId}/hand-over`)).doc.h1).toBe("Hand this story over to Dafydd Jones");
  });

  test("nothing typed, or the owner's own address: 400 and nothing sent", async () => {
    expect(errorSummary(await gwen.post(`/stories/${storyId}/hand-over`, {}))).toEqual([{ href: "#email", text: "Enter their email address" }]);
    expect(errorSummary(await gwen.post(`/stories/${storyId}/hand-over`, { email: "gwen@example.org" }))).toEqual([
      { href: "#email", text: "Enter Dafydd Jones’s own email address: this is the address you sign in with" },
    ]);
  });

  test("a second invitation replaces the first; the person takes the story over, keeps the writer as an editor; shares carry on and their agencies are told", async () => {
    const first = (await gwen.post(`/stories/${storyId}/hand-over`, { email: "old.dafydd@example.org" })).headers.get("location") ?? "";
    const firstId = first.match(/invitation=([0-9a-f-]{36})/)![1];
    const since = server.mail.received.length;
    const sent = await gwen.post(`/stories/${storyId}/hand-over`, { email: "dafydd@example.org" });
    const id = (sent.headers.get("location") ?? "").match(/invitation=([0-9a-f-]{36})/)![1];
    expect((await invitation(firstId)).status).toBe("withdrawn");
    const listed = await gwen.get(`/stories/${storyId}/helpers`);
    expect(words(listed)).toContain("You have invited Dafydd Jones to take this story over, at dafydd@example.org.");
    const [email] = await emailsSentTo(server, "dafydd@example.org", since);
    expect(subjectOf(email)).toBe("Gwen Jones has asked you to take over your story in Tell it once");

    const dafydd = await signedIn(server, "dafydd@example.org");
    const page = await dafydd.get(`/invitations/${id}`);
    expect(page.doc.h1).toBe("Take over your story");
    const half = await dafydd.post(`/invitations/${id}`, { answer: "yes" });
    expect(half.status).toBe(400);
    expect(errorSummary(half)).toEqual([{ href: "#formerOwner", text: "Select what Gwen Jones should be able to do" }]);
    const none = await dafydd.post(`/invitations/${id}`, {});
    expect(errorSummary(none).map((error) => error.href)).toEqual(["#answer", "#formerOwner"]);

    const agencyMail = server.mail.received.length;
    const accepted = await dafydd.post(`/invitations/${id}`, { answer: "yes", formerOwner: "edit" });
    expectRedirect(accepted, `/stories/${storyId}?welcome=owner`, 303);
    const [{ id: dafyddId }] = await server.query<{ id: string }>("select id from residents where email = 'dafydd@example.org'");
    const [story] = await server.query<{ owner_id: string; basis: string; name: string }>(
      "select owner_id, basis, name from stories join subjects on subjects.id = stories.subject_id where stories.id = ?",
      storyId,
    );
    expect(story).toEqual({ owner_id: dafyddId, basis: "self", name: "Dafydd Jones" });

    // The active share's agency is told; the stopped one's is not.
    const told = await emailsSentTo(server, "riverside.practice@nhs.example.net", agencyMail);
    expect(told.map(subjectOf)).toEqual([
      "A story shared with Riverside Medical Practice is now managed by the person it is about / Mae stori a rannwyd gyda Meddygfa Glan yr Afon bellach yn cael ei rheoli gan y person mae’n sôn amdano",
    ]);
    expect(await emailsSentTo(server, "housing.options@housing.demo-council.example.org", agencyMail)).toEqual([]);
    const shares = await server.query<{ status: string }>("select status from shares where story_id = ? order by status", storyId);
    expect(shares.map((share) => share.status)).toEqual(["active", "stopped"]);

    // Version 1 still says who wrote it; the story is now his.
    const version = await dafydd.get(`/stories/${storyId}/versions/1`);
    expect(words(version)).toContain("Gwen Jones (his mother) for Dafydd Jones – lasting power of attorney for health and welfare");
    expect(words(await dafydd.follow(accepted))).toContain("This story is now yours to manage.");
    const who = await dafydd.get(`/stories/${storyId}/shares`);
    expect(who.doc.all((el) => el.tagName === "a" && text(el).startsWith("Stop sharing"))).toHaveLength(1);
    expect(words(who)).toContain("Shared byGwen Jones");

    // Gwen helps now, and may edit but not share or hand over.
    const task = await gwen.get(`/stories/${storyId}`);
    expect(words(task)).toContain("You are helping Dafydd Jones with this story.");
    expect((await gwen.get(`/stories/${storyId}/share`)).status).toBe(403);
    expect((await gwen.get(`/stories/${storyId}/hand-over`)).status).toBe(403);
    expect(rows(await gwen.get("/stories"))).toContainEqual(["Dafydd Jones", "Version 1 saved"]);

    // He sees both helpers, removes his father, and stops the last share.
    const helpers = await dafydd.get(`/stories/${storyId}/helpers`);
    expect(rows(helpers).map((row) => row[0])).toEqual(["Gwen Jonesgwen@example.org", "Rhys Jonesrhys.father@example.org"]);
    expect(words(helpers)).not.toContain("Hand this story over");
    const [rhysRow] = await server.query<{ id: string }>(
      "select id from story_invitations where resident_id = ? and story_id = ? and status = 'accepted'",
      rhysId,
      storyId,
    );
    expect((await dafydd.post(`/stories/${storyId}/helpers/${rhysRow.id}`)).status).toBe(302);
    const rhys = await signedIn(server, "rhys.father@example.org");
    expect((await rhys.get(`/stories/${storyId}`)).status).toBe(404);
    const [active] = await server.query<{ id: string }>("select id from shares where story_id = ? and status = 'active'", storyId);
    expect((await dafydd.post(`/stories/${storyId}/shares/${active.id}/stop`)).status).toBe(302);
    const [stopRecord] = await server.query<{ agreed_by: string }>(
      "select agreed_by from consent_records where share_id = ? and kind = 'withdrawn'",
      active.id,
    );
    expect(stopRecord.agreed_by).toBe(dafyddId);
    // The invitation, used, leads to the story; it cannot be used again.
    expectRedirect(await dafydd.get(`/invitations/${id}`), `/stories/${storyId}`);
  });

  test("taken over with the former owner kept on for nothing: they can no longer see it", async () => {
    const nia = await signedIn(server, "nia.handover@example.org");
    const story = await publishedStoryForSomeone(nia);
    const sent = await nia.post(`/stories/${story}/hand-over`, { email: "emrys@example.org" });
    const id = (sent.headers.get("location") ?? "").match(/invitation=([0-9a-f-]{36})/)![1];
    await emailsSentTo(server, "emrys@example.org", 0);
    const emrys = await signedIn(server, "emrys@example.org");
    expect((await emrys.post(`/invitations/${id}`, { answer: "yes", formerOwner: "none" })).status).toBe(303);
    expect((await nia.get(`/stories/${story}`)).status).toBe(404);
    // Her version is still named as hers.
    expect(rows(await emrys.get(`/stories/${story}/versions`))[0][1]).toMatch(/by Nia Davies$/);
  });
});

describe("the words about writing for someone else and about helpers", () => {
  test("the start page and the privacy notice say what now exists, in English and Welsh", async () => {
    const visitor = gwen.client.browser();
    const start = { en: words(await visitor.get("/")), cy: words(await visitor.get("/", { lang: "cy" })) };
    const privacy = { en: words(await visitor.get("/privacy")), cy: words(await visitor.get("/privacy", { lang: "cy" })) };
    expect(start.en).toContain("you have parental responsibility for a child under 16");
    expect(start.en).toContain("You can invite people you trust to help");
    expect(start.en).toContain("you can hand their story over to them");
    expect(start.cy).toContain("Gallwch wahodd pobl rydych chi’n ymddiried ynddyn nhw i helpu");
    expect(privacy.en).toContain("Parental responsibility ends when the child is 16");
    expect(privacy.en).toContain("We record who made each change, saved each version and agreed to each share");
    expect(privacy.cy).toContain("Rydyn ni’n cofnodi pwy wnaeth bob newid");
  });
});
