import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
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

/** Creates the database named in the URL if it does not exist (connecting to the `postgres` database). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[\w-]+$/.test(name)) throw new Error(`DATABASE_URL names an unusual database "${name}"`);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
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
