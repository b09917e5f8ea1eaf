// @ts-check
/**
 * The PostgreSQL suites run against the server at TEST_DATABASE_URL (default:
 * postgres://postgres@127.0.0.1:5432/postgres), making a new database for each
 * test file. `npm test` runs this first: when nothing answers there, as root it
 * starts Debian's `postgresql` (installing it if need be, with trust
 * authentication on 127.0.0.1); otherwise it says how and fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";

const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const where = new URL(url).host;

async function answers() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

/** Starts the machine's Debian cluster, installing the package and trusting local connections first when it is missing. */
function startDebianCluster() {
  if (!existsSync("/etc/postgresql")) {
    run("apt-get", ["update"]);
    run("apt-get", ["install", "-y", "postgresql"]);
  }
  const [version] = readdirSync("/etc/postgresql");
  const hba = `/etc/postgresql/${version}/main/pg_hba.conf`;
  // Tests connect as postgres without a password, over TCP on this machine only.
  run("sh", ["-c", `grep -q '^host all all 127.0.0.1/32 trust' ${hba} || sed -i '1i host all all 127.0.0.1/32 trust' ${hba}`]);
  run("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"]);
}

if (!(await answers())) {
  if (process.getuid?.() !== 0 || process.env.TEST_DATABASE_URL) {
    console.error(
      `No PostgreSQL answers at ${where}. Start one (as root: apt-get install postgresql, then pg_ctlcluster <version> main start), ` +
        "or point TEST_DATABASE_URL at a server where the user may create databases.",
    );
    process.exit(1);
  }
  console.log(`No PostgreSQL answers at ${where}: starting Debian's.`);
  startDebianCluster();
  for (let tries = 0; !(await answers()); tries++) {
    if (tries > 30) {
      console.error(`PostgreSQL was started but does not answer at ${where}.`);
      process.exit(1);
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}
console.log(`PostgreSQL answers at ${where}.`);
