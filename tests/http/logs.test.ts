/*
 * What the server writes to its log: one JSON line per request, saying which
 * route answered, never what anyone typed or was sent. Every journey is run
 * with a marker in every field a person fills in, in addresses and headers,
 * and the log is searched for the markers, the codes and the link tokens.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { itemFieldId, pagePath, storySections, type Field, type ItemField } from "#app/models/story-sections";
import { acceptInvitation, inviteHelper, publishedStoryForSomeone } from "#tests/support/helpers-journey";
import { expectRedirect, HttpClient, load, setCookie, type Browser, type Page } from "#tests/support/http-client";
import { codeFrom, linkSentTo, openLink } from "#tests/support/professional";
import { startServer, type RunningServer } from "#tests/support/server";
import { serverForThisFile } from "#tests/support/server-for-file";
import { shareThroughTheJourney, wholePublishedStory, type PageAnswers } from "#tests/support/share-journey";
import { bodyOf, signedIn, startServerWithMail } from "#tests/support/sign-in";
import { until } from "#tests/support/until";

const server = serverForThisFile(() => startServerWithMail());
const http = new HttpClient(() => server.url);

/** In every marker: letters no id, time or number in a log line can hold (ids are hex). */
const MARK = "qvzk";
const RESIDENT = `${MARK}-resident@example.org`;
const HELPER = `${MARK}-helper@example.org`;
const PROFESSIONAL = `${MARK}-professional@nhs.example.net`; // the GP's domain
/** A phone number holds no letters: it is looked for by its digits. */
const PHONE = "07700 931586";

/** What a line of the log holds: these keys and no others. */
const LOG_KEYS = [
  "level",
  "time",
  "pid",
  "hostname",
  "msg",
  "requestId",
  "method",
  "route",
  "status",
  "durationMs",
  "aborted",
  "port",
  "publicUrl",
  "mailTransport",
  "error",
];
type LogLine = { level: string; time: string; msg: string; requestId?: string; method?: string; route?: string; status?: number; durationMs?: number };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Every line the server has printed, each parsed as JSON: a line that is not fails the test, unless
 * `onlyJson` (a server in the demo prints emails whole).
 */
function logLines(running: RunningServer = server, { onlyJson = false } = {}): LogLine[] {
  return running
    .output()
    .split("\n")
    .filter((line) => line.trim() !== "" && (!onlyJson || line.startsWith("{")))
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`the server printed a line that is not JSON: ${line}`);
      }
    });
}

/** The line of the request a response answered, once written (request lines are written in the background). */
async function lineOf(response: { headers: Headers }, running: RunningServer = server): Promise<LogLine> {
  const id = response.headers.get("x-request-id");
  expect(id).toMatch(UUID);
  return until(
    () => logLines(running, { onlyJson: true }).find((l) => l.msg === "request" && l.requestId === id),
    `the line of request ${id} is written`,
    5_000,
  );
}

/** A marked answer for a field that takes words, within its length. */
function marked(field: ItemField, where: string): string {
  if (field.kind === "text" && field.format === "email") return `${MARK}-${where}@example.org`;
  if (field.kind === "text" && field.format === "phone") return PHONE;
  if (field.kind === "text") return `${MARK} ${where}`.slice(0, field.maxLength);
  return `${MARK} ${where}, written over\nmore than one line by ${MARK}`.slice(0, field.maxLength);
}

/** Every field of a question page answered, each answer marked; every option chosen, two of each list. */
function markedPage(fields: readonly Field[]): PageAnswers {
  const form: PageAnswers = {};
  for (const field of fields) {
    if (field.kind === "checkboxes") form[field.name] = [...field.options];
    else if (field.kind === "radios") form[field.name] = field.options[field.options.length - 1];
    else if (field.kind === "list") {
      for (const index of [0, 1]) for (const item of field.item) form[itemFieldId(field, index, item)] = marked(item, `${field.name}-${index}-${item.name}`);
    } else form[field.name] = marked(field, field.name);
  }
  return form;
}

/** A marked answer on every page of every section, by the page's address after /stories/<id>/. */
const markedStory = Object.fromEntries(
  storySections.flatMap((section) => section.pages.map((page) => [pagePath("x", section, page).slice("/stories/x/".length), markedPage(page.fields)])),
);

/** A request sent with exactly this path, which fetch would tidy (`..` taken out), and these headers. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers }> {
  return new Promise((done, fail) => {
    const req = httpRequest(`${server.url}${path}`, { headers }, (res) => {
      res.resume();
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: new Headers(res.headers as Record<string, string>) }));
    });
    req.on("error", fail);
    req.end();
  });
}

let resident: Browser;
let storyId: string;
let someoneStoryId: string;
let invitationId: string;
let shareId: string;
/** The professional's cookie once their work address is proven. */
let verified: string;
/** Requests whose lines the log tests look at, by what they were. */
const answered: Record<string, Page | { status: number; headers: Headers }> = {};

describe("every journey, with a marker in every field", () => {
  test("a resident gets their address wrong, then signs in with a marked one", async () => {
    expect((await http.post("/sign-in", { email: `${MARK} not an address` })).status).toBe(400);
    const someone = http.browser();
    expectRedirect(
      await someone.post(`/sign-in?returnTo=${encodeURIComponent(`/stories?${MARK}=1`)}`, { email: `${MARK}-second@example.org` }),
      "/sign-in/check-email",
    );
    expect((await someone.post("/sign-in/check-email", { code: MARK })).status).toBe(400);
    resident = await signedIn(server, RESIDENT);
  });

  test("they write their own story with a marked answer to every question, and a form with mistakes", async () => {
    storyId = await wholePublishedStory(server, resident.cookie, { name: `${MARK} Resident`, answers: markedStory });
    const mistakes = await resident.post(`/stories/${storyId}/about/contact`, { email: `${MARK} at example`, phone: `call ${MARK}`, intent: "continue" });
    expect(mistakes.status).toBe(400);
  });

  test("they start a story for someone else with marked names, after a form with mistakes", async () => {
    expect((await resident.post("/stories/new/someone", { name: `${MARK} Subject`, relationship: "", writerName: `${MARK} Writer` })).status).toBe(400);
    someoneStoryId = await publishedStoryForSomeone(resident, { name: `${MARK} Subject`, relationship: `${MARK} relationship`, writerName: `${MARK} Writer` });
  });

  test("they invite a helper by a marked name and address, who accepts; and ask the person to take the story over", async () => {
    const wrong = await resident.post(`/stories/${someoneStoryId}/helpers/invite`, { name: `${MARK} Helper`, email: `${MARK} helper`, permission: "edit" });
    expect(wrong.status).toBe(400);
    invitationId = await inviteHelper(resident, someoneStoryId, { name: `${MARK} Helper`, email: HELPER, permission: "edit" });
    await acceptInvitation(server, HELPER, invitationId);
    expect((await resident.post(`/stories/${someoneStoryId}/hand-over`, { email: `${MARK} subject` })).status).toBe(400);
    expect((await resident.post(`/stories/${someoneStoryId}/hand-over`, { email: `${MARK}-subject@example.org` })).status).toBe(302);
  });

  test("they share their story with an agency; a professional proves a marked work address, after mistakes", async () => {
    const [gp] = await server.query<{ id: string; contact_email: string }>("select id, contact_email from agencies where name = 'Riverside Medical Practice'");
    const since = server.mail.received.length;
    await shareThroughTheJourney(server, resident.cookie, storyId, [gp.id], "yes", { contact: { contact: "yes", contactMethods: ["email", "phone"] } });
    const link = await linkSentTo(server, gp.contact_email, since);
    answered.link = await http.get(new URL(link).pathname);
    const opened = await openLink(link);
    shareId = opened.shareId;
    const atTheGp = { cookie: opened.cookie };
    expect((await http.post(`/shared/${shareId}/email`, { email: `${MARK}@elsewhere.example` }, atTheGp)).status).toBe(400);
    const asked = server.mail.received.length;
    expectRedirect(await http.post(`/shared/${shareId}/email`, { email: PROFESSIONAL }, atTheGp), `/shared/${shareId}/code`);
    const code = codeFrom(await server.mail.nextEmailTo(PROFESSIONAL, asked));
    expect((await http.post(`/shared/${shareId}/code`, { code: MARK }, atTheGp)).status).toBe(400);
    const proven = await http.post(`/shared/${shareId}/code`, { code }, atTheGp);
    expectRedirect(proven, `/shared/${shareId}/summary`);
    verified = setCookie(proven, `share-${shareId}`)!;
    expect((await http.get(`/shared/${shareId}/summary`, { cookie: verified })).status).toBe(200);
  });

  test("the professional replies with a marked name, role and message, after mistakes", async () => {
    const tooLong = { name: `${MARK} ${"N".repeat(100)}`, role: `${MARK} role`, message: `${MARK} message` };
    expect((await http.post(`/shared/${shareId}/received`, tooLong, { cookie: verified })).status).toBe(400);
    const reply = { name: `${MARK} Professional`, role: `${MARK} Duty GP`, message: `${MARK}: we will call you on Tuesday.` };
    expectRedirect(await http.post(`/shared/${shareId}/received`, reply, { cookie: verified }), `/shared/${shareId}/summary?received=1`);
  });

  test("a reply the database fails to keep: a server error", async () => {
    // The statement that fails carries the reply's words as its values: drizzle's error quotes them all.
    await server.write("alter table share_replies rename to share_replies_away");
    server.expectError(/^Error: Failed query: insert into "share_replies"/);
    try {
      answered.failed = await http.post(
        `/shared/${shareId}/received`,
        { name: `${MARK} Failing`, role: `${MARK} role`, message: `${MARK} lost` },
        { cookie: verified },
      );
    } finally {
      await server.write("alter table share_replies_away rename to share_replies");
    }
    expect(answered.failed.status).toBe(500);
  });

  test("addresses with markers in their path and query string, and marked headers", async () => {
    const headers = { "User-Agent": `${MARK}-agent`, Referer: `https://${MARK}.example/${MARK}`, "Accept-Language": `${MARK}` };
    answered.query = await http.get(`/?${MARK}=${MARK}-query&email=${encodeURIComponent(`${MARK}@example.org`)}`, { headers });
    answered.unknown = await http.get(`/${MARK}-path/${encodeURIComponent(`${MARK}@example.org`)}`, { headers });
    answered.encoded = await http.get(`/shared/${MARK}%252F`);
    answered.story = await resident.get(`/stories/${MARK}-story?${MARK}=1`);
    answered.data = await load(server.url, `/stories/${storyId}/about.data?${MARK}=1`, { headers: { Cookie: resident.cookie } });
    answered.manifest = await load(server.url, `/__manifest?p=${encodeURIComponent(`/${MARK}`)}&version=${MARK}`);
    answered.undecodable = await rawGet(`/${MARK}%E0%A4%A`);
    answered.file = await rawGet(`/assets/${MARK}/../application.css?${MARK}=1`, headers);
    answered.crossSite = await load(server.url, `/shared/${MARK}-token?${MARK}=1`, {
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded", Cookie: `${MARK}=${MARK}` },
      body: `email=${MARK}`,
    });
    expect(
      Object.fromEntries(["query", "unknown", "encoded", "story", "data", "manifest", "undecodable", "file", "crossSite"].map((k) => [k, answered[k].status])),
    ).toEqual({
      query: 200,
      unknown: 404,
      encoded: 404,
      story: 404,
      data: 200,
      manifest: 204,
      undecodable: 400,
      file: 200,
      crossSite: 403,
    });
  });
});

describe("the log", () => {
  /** Codes from every email, share links' tokens, cookies: what gives access to someone's story or account. */
  let secrets: string[];
  let codes: string[];
  beforeAll(async () => {
    // Written in the background: wait for the line of the last request made.
    await lineOf(answered.crossSite);
    const bodies = server.mail.received.map(bodyOf);
    codes = bodies.flatMap((body) => [...body.matchAll(/^(\d{6})\r?$/gm)].map((m) => m[1]));
    const tokens = bodies.flatMap((body) => [...body.matchAll(/\/shared\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]));
    expect(codes.length).toBeGreaterThanOrEqual(4);
    expect(tokens.length).toBeGreaterThanOrEqual(1);
    const cookies = [resident.cookie, verified].flatMap((cookie) => cookie.split(/;\s*/).map((pair) => pair.slice(pair.indexOf("=") + 1)));
    secrets = [...tokens, ...cookies.filter((value) => value.length >= 16)];
  });

  test("holds no marker, code, token, cookie or id from an address: only the routes", () => {
    const output = server.output();
    expect(output.toLowerCase()).not.toContain(MARK);
    expect(output.replace(/\s/g, "")).not.toContain(PHONE.replace(/\s/g, ""));
    for (const secret of secrets) expect(output).not.toContain(secret);
    // Six digits standing alone: a request id's hex may hold any six in a row.
    for (const code of codes) expect(output).not.toMatch(new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`, "i"));
    for (const id of [storyId, someoneStoryId, invitationId, shareId]) expect(output).not.toContain(id);
  });

  test("is JSON, a line each, with nothing but the fields it is meant to have", () => {
    const lines = logLines();
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) expect(LOG_KEYS, JSON.stringify(line)).toEqual(expect.arrayContaining(Object.keys(line)));
    // Emails go over SMTP here: only MAIL_TRANSPORT=console prints them.
    expect(server.output()).not.toContain("---- Email to");
  });

  test("has a line for each request: its id, method, route, status and how long it took", async () => {
    const requests = logLines().filter((line) => line.msg === "request");
    for (const line of requests) {
      expect(line).toEqual({
        level: "info",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        pid: expect.any(Number),
        hostname: expect.any(String),
        requestId: expect.stringMatching(UUID),
        method: expect.stringMatching(/^(GET|POST|HEAD)$/),
        route: expect.stringMatching(/^\/[\w\-/:.*]*$/),
        status: expect.any(Number),
        durationMs: expect.any(Number),
        msg: "request",
      });
    }
    expect(new Set(requests.map((line) => line.requestId)).size).toBe(requests.length);
    expect([...new Set(requests.map((line) => `${line.method} ${line.route}`))]).toEqual(
      expect.arrayContaining([
        "GET /healthz",
        "POST /sign-in",
        "POST /sign-in/check-email",
        "POST /stories/:storyId/:section/:page",
        "POST /stories/:storyId/:section",
        "POST /stories/:storyId/check",
        "POST /stories/new/someone",
        "POST /stories/:storyId/helpers/invite",
        "POST /invitations/:invitationId",
        "POST /stories/:storyId/hand-over",
        "POST /stories/:storyId/share",
        "POST /stories/:storyId/share/parts/:agencyId",
        "POST /stories/:storyId/share/how-long",
        "POST /stories/:storyId/share/updates",
        "POST /stories/:storyId/share/contact",
        "GET /stories/:storyId/share/agree",
        "POST /stories/:storyId/share/agree",
        "GET /shared/:token",
        "POST /shared/:shareId/email",
        "POST /shared/:shareId/code",
        "GET /shared/:shareId/summary",
        "POST /shared/:shareId/received",
        "GET /",
        "GET /*",
        "GET /stories/:storyId",
        "GET /stories/:storyId/:section.data",
        "GET /__manifest",
        "POST /shared/:token",
      ]),
    );
  });

  test("names the route, never the address: a link's token, an unknown address, one that cannot be decoded, Remix's data", async () => {
    const seen = async (what: string) => {
      const { method, route, status } = await lineOf(answered[what]);
      return { method, route, status };
    };
    expect(await seen("link")).toEqual({ method: "GET", route: "/shared/:token", status: 302 });
    expect(await seen("query")).toEqual({ method: "GET", route: "/", status: 200 });
    expect(await seen("unknown")).toEqual({ method: "GET", route: "/*", status: 404 });
    expect(await seen("encoded")).toEqual({ method: "GET", route: "/shared/:token", status: 404 });
    expect(await seen("story")).toEqual({ method: "GET", route: "/stories/:storyId", status: 404 });
    expect(await seen("data")).toEqual({ method: "GET", route: "/stories/:storyId/:section.data", status: 200 });
    expect(await seen("manifest")).toEqual({ method: "GET", route: "/__manifest", status: 204 });
    expect(await seen("undecodable")).toEqual({ method: "GET", route: "/*", status: 400 });
    // As sent, though the server answers a refused POST as a GET.
    expect(await seen("crossSite")).toEqual({ method: "POST", route: "/shared/:token", status: 403 });
  });

  test("logs a static file only at debug level, which is off unless LOG_LEVEL says", () => {
    expect(answered.file.headers.get("x-request-id")).toMatch(UUID);
    expect(server.output()).not.toContain(answered.file.headers.get("x-request-id"));
  });

  test("logs a server error as JSON on stderr, with its request's id and the failed statement without its values", async () => {
    const id = answered.failed.headers.get("x-request-id");
    expect((await lineOf(answered.failed)).status).toBe(500);
    const errors = logLines().filter((line) => line.level === "error");
    expect(errors).toEqual([
      {
        level: "error",
        time: expect.any(String),
        pid: expect.any(Number),
        hostname: expect.any(String),
        requestId: id,
        error: {
          type: "Error",
          message: expect.stringMatching(/^Failed query: insert into "share_replies" .* \(\w+: .*share_replies.*\)$/),
          stack: expect.stringMatching(/^\s+at /),
        },
        msg: expect.stringMatching(/^Error: Failed query: insert into "share_replies"/),
      },
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/params|Failing|lost/i);
  });
});

describe("a server in the demo (MAIL_TRANSPORT=console)", () => {
  let demo: RunningServer;
  let stopped = false;
  let asked: Page;
  beforeAll(async () => {
    demo = await startServer();
    asked = await new HttpClient(demo.url).post("/sign-in", { email: "demo.person@example.org" });
  });
  afterAll(async () => {
    if (!stopped) await demo.stop();
  });

  test("prints each email whole, as the README says, beside the log's lines", async () => {
    expect(asked.status).toBe(302);
    await lineOf(asked, demo);
    await until(() => demo.output().includes("---- End of email"), "the email is printed", 5_000);
    expect(demo.output()).toMatch(/---- Email to demo\.person@example\.org\nSubject: .+\n[\s\S]*^\d{6}$[\s\S]*---- End of email/m);
  });

  test("says it is listening, and when stopped writes out every line, the last saying so", async () => {
    const [first] = logLines(demo, { onlyJson: true });
    expect(first).toMatchObject({
      level: "info",
      port: demo.port,
      publicUrl: demo.url,
      mailTransport: "console",
      msg: expect.stringMatching(/is listening on port \d+/),
    });
    const last = await fetch(`${demo.url}/cookies`);
    await last.text();
    await demo.stop();
    stopped = true;
    // The process has exited; what it wrote may still be on its way through the pipe.
    await until(() => demo.output().includes('"msg":"stopped"'), "the last line is through the pipe", 2_000);
    const lines = logLines(demo, { onlyJson: true });
    expect(lines.at(-1)).toMatchObject({ level: "info", msg: "stopped" });
    expect(lines.find((line) => line.requestId === last.headers.get("x-request-id"))).toMatchObject({ route: "/cookies", status: 200 });
  });
});
