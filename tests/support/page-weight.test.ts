import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { pageWeight } from "./page-weight";

const files: Record<string, string> = {
  "/assets/site.css?v=1": "body { margin: 0 }",
  "/assets/application.js?v=2": 'import{start}from"./library.js?v=3";import "/assets/side.js";start();',
  "/assets/library.js?v=3": "export function start() { return Array.from([1]); }",
  "/assets/side.js": 'import { start } from "./library.js?v=3";\nstart();',
};
const gzip = (path: string) => gzipSync(files[path]).length;

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const body = files[request.url ?? ""];
    response.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

const html =
  '<!doctype html><html lang="en"><head><link rel="stylesheet" href="/assets/site.css?v=1"><script type="module" src="/assets/application.js?v=2"></script></head><body></body></html>';

test("a page weighs its HTML and stylesheet, gzip, and nothing more with JavaScript off", async () => {
  expect(await pageWeight(`${base}/page`, html, false)).toEqual({
    html: gzipSync(html).length,
    css: gzip("/assets/site.css?v=1"),
    js: 0,
    scripts: 0,
    total: gzipSync(html).length + gzip("/assets/site.css?v=1"),
  });
});

test("with JavaScript on, its script and every module imported from there, each once, by address", async () => {
  const weight = await pageWeight(`${base}/page`, html, true);
  const js = ["/assets/application.js?v=2", "/assets/library.js?v=3", "/assets/side.js"].reduce((sum, path) => sum + gzip(path), 0);
  expect(weight).toMatchObject({ js, scripts: 3, total: gzipSync(html).length + gzip("/assets/site.css?v=1") + js });
});
