import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { Redis } from "ioredis";
import { build } from "esbuild";
import { appliedMigrations, committedMigrations, setupDatabase } from "../../src/db/setup.js";
import { createPrisma } from "../../src/db/prisma.js";
import { seed } from "../../prisma/seed.js";

export const ROOT = process.cwd();
const CACHE = join(ROOT, "node_modules/.cache/minsheng-bench");

/** `npm run build` (the product's bundles in dist/), then the bench's own children bundled the same way. */
export async function buildAll(product: boolean): Promise<{ submitter: string; rawWorkers: string }> {
  if (product) {
    const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) throw new Error("npm run build failed");
  }
  mkdirSync(CACHE, { recursive: true });
  await build({
    entryPoints: { submitter: "scripts/bench/submitter.ts", "raw-workers": "scripts/bench/raw-workers.ts" },
    outdir: CACHE,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  // The core's i18n reads ./locales beside the running module.
  cpSync("src/i18n/locales", join(CACHE, "locales"), { recursive: true });
  return { submitter: join(CACHE, "submitter.mjs"), rawWorkers: join(CACHE, "raw-workers.mjs") };
}

/** Node's flags for an entry point, as package.json's start script runs it (e.g. --max-semi-space-size). */
export function nodeFlags(script: string, entry: string): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const m = new RegExp(`node\\s+(.*?)\\s*${entry.replace(/[./]/g, "\\$&")}`).exec(pkg.scripts[script] ?? "");
  return m ? m[1].split(/\s+/).filter(Boolean) : ["--enable-source-maps"];
}

/** The workers' per-queue concurrency, read from workers/runner.ts so the ceiling follows it. */
export function workerConcurrency(): Record<string, number> {
  const fallback = { classify: 8, route: 8, notify: 16, deadlines: 8, maintenance: 1 };
  try {
    const src = readFileSync(join(ROOT, "workers/runner.ts"), "utf8");
    const body = /CONCURRENCY[^=]*=\s*\{([^}]*)\}/.exec(src)?.[1];
    if (!body) return fallback;
    const found = Object.fromEntries([...body.matchAll(/(\w+)\s*:\s*(\d+)/g)].map((m) => [m[1], Number(m[2])]));
    return ["classify", "route", "notify", "deadlines"].every((q) => q in found) ? found : fallback;
  } catch {
    return fallback;
  }
}

export type Seeded = { cardChats: Set<number>; citizenIds: number[] };

/** True when the database has every committed migration applied, each as its file reads now (src/db/setup.ts). */
async function upToDate(url: string): Promise<boolean> {
  const applied = await appliedMigrations(url);
  return committedMigrations().every((m) => applied.get(m.name) === m.checksum);
}

/**
 * The bench's own database, empty and seeded by the product's setup: emptied when its migrations
 * are current (quicker than migrating anew), dropped and recreated otherwise. Then staff and citizens.
 */
export async function prepareDatabase(url: string, citizens: number): Promise<Seeded> {
  if (await upToDate(url)) {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`DROP TABLE IF EXISTS bench_raw`);
      const tables = await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`);
      await db.query(`TRUNCATE ${tables.rows.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
    } finally {
      await db.end();
    }
    const prisma = createPrisma(url, 2);
    await seed(prisma, { demoStaff: false }).finally(() => prisma.$disconnect());
  } else {
    const name = new URL(url).pathname.slice(1);
    const admin = new URL(url);
    admin.pathname = "/postgres";
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
    await setupDatabase(url, false);
  }

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const depts = (await db.query<{ id: number }>(`SELECT id FROM "Department" ORDER BY id`)).rows;
    const cardChats = new Set<number>([800_001]);
    await db.query(`INSERT INTO "StaffMember" ("telegramId", "displayName", role) VALUES (800001, '分拨员', 'DISPATCHER')`);
    for (const [i, d] of depts.entries()) {
      cardChats.add(800_100 + i);
      await db.query(
        `INSERT INTO "StaffMember" ("telegramId", "displayName", role, "departmentId") VALUES ($1, '承办人', 'HANDLER', $3), ($2, '负责人', 'SUPERVISOR', $3)`,
        [800_100 + i, 800_200 + i, d.id],
      );
    }
    const ids = await db.query<{ id: number }>(
      `INSERT INTO "Citizen" ("telegramId", "consentAt") SELECT 700000 + g, now() FROM generate_series(1, $1::int) g RETURNING id`,
      [citizens],
    );
    await db.query(`CREATE TABLE bench_raw (id serial PRIMARY KEY, text text NOT NULL, location text, "createdAt" timestamptz NOT NULL DEFAULT now())`);
    return { cardChats, citizenIds: ids.rows.map((r) => r.id) };
  } finally {
    await db.end();
  }
}

/**
 * Inserts `count` open copies of an open case in one statement (every column copied but the
 * unique ones), so the sweep has a backlog; columns are read from the catalogue, so schema changes
 * do not break it. Returns how many open cases there are now.
 */
export async function insertOpenCases(url: string, count: number): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const template = await db.query<{ id: number }>(`SELECT id FROM "Case" WHERE status = 'ASSIGNED' ORDER BY id LIMIT 1`);
    if (!template.rowCount) throw new Error("no routed case to copy for the sweep phase");
    const cols = (
      await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'Case' AND table_schema = current_schema() AND column_name <> 'id' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      )
    ).rows.map((r) => r.column_name);
    const value = (c: string) =>
      c === "number" ? `'BENCH-' || lpad(g::text, 7, '0')` : c === "submissionKey" ? `'bench-open-' || g` : ["remindedAt", "overdueAt", "linkedToId", "dupKeys"].includes(c) ? "NULL" : `c."${c}"`;
    await db.query(
      `INSERT INTO "Case" (${cols.map((c) => `"${c}"`).join(", ")}) SELECT ${cols.map(value).join(", ")} FROM "Case" c, generate_series(1, $2::int) g WHERE c.id = $1`,
      [template.rows[0].id, count],
    );
    const open = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "Case" WHERE status NOT IN ('CLOSED')`);
    return Number(open.rows[0].n);
  } finally {
    await db.end();
  }
}

/** How the routed cases ended: routed to a department, sent to the dispatcher, linked as repeats (并单). */
export async function caseOutcomes(url: string): Promise<Record<string, number>> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const r = await db.query<{ status: string; linked: boolean; n: string }>(
      `SELECT status::text, "linkedToId" IS NOT NULL AS linked, count(*) AS n FROM "Case" WHERE number LIKE 'MS-%' GROUP BY 1, 2`,
    );
    const out: Record<string, number> = {};
    for (const row of r.rows) {
      out[row.status] = (out[row.status] ?? 0) + Number(row.n);
      if (row.linked) out.linked = (out.linked ?? 0) + Number(row.n);
    }
    return out;
  } finally {
    await db.end();
  }
}

/** Deletes every key under the bench's queue prefixes (never a FLUSHDB: the Redis is shared). */
export async function clearPrefixes(redisUrl: string, prefixes: string[]): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    for (const prefix of prefixes) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== "0");
    }
  } finally {
    redis.disconnect();
  }
}
