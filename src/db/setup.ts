import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createPrisma } from "./prisma.js";
import { seed } from "../../prisma/seed.js";

/** The package root, whether this runs from src/ under tsx or bundled in dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the package root (package.json)");
    dir = up;
  }
  return dir;
}
const ROOT = packageRoot();

/** The database a URL names (a plain name, or an error) and a client of the `postgres` database beside it. */
function adminOf(databaseUrl: string): { name: string; client: pg.Client } {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[\w-]+$/.test(name)) throw new Error(`DATABASE_URL names an unusual database "${name}"`);
  url.pathname = "/postgres";
  return { name, client: new pg.Client({ connectionString: url.toString() }) };
}

/** The committed migrations, each with Prisma's checksum of its file (SHA-256 of its text). */
export function committedMigrations(): { name: string; checksum: string }[] {
  const dir = join(ROOT, "prisma", "migrations");
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, "migration.sql")))
    .sort()
    .map((name) => ({ name, checksum: createHash("sha256").update(readFileSync(join(dir, name, "migration.sql"))).digest("hex") }));
}

/** The migrations applied to a database (finished, not rolled back): name → checksum. Empty when there is no such database or table. */
export async function appliedMigrations(databaseUrl: string): Promise<Map<string, string>> {
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    await db.connect();
    const { rows } = await db.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    return new Map(rows.map((r) => [r.migration_name, r.checksum]));
  } catch {
    return new Map();
  } finally {
    await db.end().catch(() => undefined);
  }
}

/**
 * The committed migrations a database applied from another text than their file's: a migration
 * edited after it ran (as one is while it is written). `migrate deploy` skips them by name, so such
 * a database lacks what the edit added.
 */
export async function editedMigrations(databaseUrl: string): Promise<string[]> {
  const applied = await appliedMigrations(databaseUrl);
  return committedMigrations()
    .filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum)
    .map((m) => m.name);
}

/** Drops the database named in the URL, if it exists, ending its connections (for the tests' and the bench's own). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { name, client } = adminOf(databaseUrl);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL if it does not exist (connecting to the `postgres` database). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const { name, client } = adminOf(databaseUrl);
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

const DEPLOY_SUCCESS = /All migrations have been successfully applied|No pending migrations to apply/;

/** Applies committed migrations with Prisma's JS schema engine (no network needed). */
export function migrateDeploy(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}/node_modules/prisma/build/index.js`, "migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let succeeded = false;
    const collect = (d: Buffer) => {
      output += d;
      // The WASM schema engine leaves a 10 s timer running after its work is done; once the CLI
      // has reported success there is nothing left to wait for.
      if (!succeeded && DEPLOY_SUCCESS.test(output)) {
        succeeded = true;
        setTimeout(() => child.kill("SIGTERM"), 100);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 || succeeded ? resolve() : reject(new Error(`prisma migrate deploy failed:\n${output}`)),
    );
  });
}

/** Create the database if needed, apply migrations, seed departments (and demo staff for the emulator). */
export async function setupDatabase(databaseUrl: string, demoStaff: boolean): Promise<void> {
  if (await ensureDatabase(databaseUrl)) console.log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  await migrateDeploy(databaseUrl);
  const prisma = createPrisma(databaseUrl, 2);
  try {
    await seed(prisma, { demoStaff });
  } finally {
    await prisma.$disconnect();
  }
}
