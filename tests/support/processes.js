// @ts-check
import { readdirSync, readFileSync } from "node:fs";

/**
 * The processes whose parent is `pid`, from /proc: a server's workers.
 * @param {number} pid
 * @returns {number[]}
 */
export function childrenOf(pid) {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1].split(" ")[1] === String(pid);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/**
 * A process's resident memory, in bytes (0 once it has gone).
 * @param {number} pid
 */
export function residentMemory(pid) {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}
