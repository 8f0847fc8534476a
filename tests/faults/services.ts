import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { Redis } from "ioredis";

/**
 * The suite's own PostgreSQL cluster and Redis, on ports nobody else uses, so a row can stop,
 * restart and flush them. The shared 5432/6379 are never touched.
 */
// Below Linux's ephemeral range (32768–60999): while the suite's Postgres is down for minutes, an
// outgoing connection's source port (or a port another program asked the OS for) can take a port in
// that range, and Postgres could not listen again (seen: 55432 taken during the 5-minute outage).
// Other ports with FAULTS_PG_PORT / FAULTS_REDIS_PORT, so two suites (two checkouts) can run at once.
export const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 25432);
export const REDIS_PORT = Number(process.env.FAULTS_REDIS_PORT ?? 26379);
export const DB_NAME = "minsheng_faults";
const TEMPLATE_DB = "minsheng_faults_template";

function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, "bin", "initdb"))) return join(root, v, "bin");
  throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (initdb, pg_ctl)");
}

/** Postgres refuses to run as root: as root, run its tools as the `postgres` user. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
}

export type Services = ReturnType<typeof createServices>;

export function createServices(workDir: string) {
  const bin = postgresBin();
  const pgData = join(workDir, "pg");
  const redisDir = join(workDir, "redis");
  let redis: ChildProcess | undefined;
  let pgRunning = false;

  const databaseUrl = (db = DB_NAME) => `postgresql://postgres@127.0.0.1:${PG_PORT}/${db}`;
  const redisUrl = `redis://127.0.0.1:${REDIS_PORT}`;

  function pgCtl(args: string[]): void {
    const [cmd, argv] = asPostgres(join(bin, "pg_ctl"), ["-D", pgData, ...args]);
    execFileSync(cmd, argv, { stdio: ["ignore", "ignore", "pipe"] });
  }

  async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: databaseUrl("postgres") });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  async function waitFor(what: string, probe: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await probe();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms: ${String(err)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async function pingRedis(): Promise<void> {
    const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on("error", () => undefined);
    try {
      await r.connect();
      await r.ping();
    } finally {
      r.disconnect();
    }
  }

  return {
    databaseUrl,
    redisUrl,
    templateDb: TEMPLATE_DB,

    async initPostgres(): Promise<void> {
      mkdirSync(pgData, { recursive: true });
      if (process.getuid?.() === 0) {
        chownSync(workDir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), 0);
        chownSync(pgData, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), 0);
      }
      chmodSync(pgData, 0o700);
      const [cmd, argv] = asPostgres(join(bin, "initdb"), ["-D", pgData, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
      execFileSync(cmd, argv, { stdio: ["ignore", "ignore", "pipe"] });
    },

    async startPostgres(): Promise<void> {
      if (pgRunning) return;
      // fsync off: the suite measures the product's behaviour, not the disk's.
      pgCtl(["-w", "-l", join(workDir, "pg.log"), "-o", `-p ${PG_PORT} -k ${workDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "start"]);
      pgRunning = true;
      await waitFor("postgres", () => admin((c) => c.query("SELECT 1")));
    },

    /** Fast shutdown: every client is disconnected at once, as when the database server goes away. */
    stopPostgres(): void {
      if (!pgRunning) return;
      pgCtl(["-w", "-m", "immediate", "stop"]);
      pgRunning = false;
    },

    /** Each row starts from a copy of the migrated, seeded template: no state leaks between rows. */
    async resetDatabase(): Promise<void> {
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${DB_NAME}" TEMPLATE "${TEMPLATE_DB}"`);
      });
    },

    async startRedis(): Promise<void> {
      if (redis && redis.exitCode === null) return;
      mkdirSync(redisDir, { recursive: true });
      // No periodic snapshots; SHUTDOWN SAVE writes one so a restart (Redis down) keeps the data,
      // while FLUSHALL (Redis data lost) is its own row.
      redis = spawn(
        "redis-server",
        ["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir, "--dbfilename", "dump.rdb"],
        { stdio: "ignore" },
      );
      await waitFor("redis", pingRedis);
    },

    async stopRedis(save = true): Promise<void> {
      if (!redis || redis.exitCode !== null) return;
      const r = new Redis(redisUrl, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      r.on("error", () => undefined);
      const exited = new Promise((res) => redis!.once("exit", res));
      await r.call("SHUTDOWN", save ? "SAVE" : "NOSAVE").catch(() => undefined);
      r.disconnect();
      await exited;
      redis = undefined;
    },

    async flushRedis(): Promise<void> {
      const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      try {
        await r.flushall();
      } finally {
        r.disconnect();
      }
    },

    /** Stops everything this suite started; safe to call twice and from an exit handler. */
    stopAllSync(): void {
      try {
        if (redis && redis.exitCode === null) redis.kill("SIGKILL");
      } catch {
        /* already gone */
      }
      try {
        if (existsSync(join(pgData, "postmaster.pid"))) pgCtl(["-m", "immediate", "stop"]);
      } catch {
        /* already gone */
      }
      pgRunning = false;
    },
  };
}
