/** Whether `address` is plain http to a loopback host: only the demo, a developer or a test runs one. */
export function httpOnThisMachine(address: string | URL): boolean {
  const url = new URL(address);
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}
