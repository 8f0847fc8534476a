import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * `npm run db:migration -- <name>`: writes the SQL that takes the committed migrations to the
 * current schema into prisma/migrations/<timestamp>_<name>/. Offline (Prisma's JS engine).
 */
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}
const out = join(mkdtempSync(join(tmpdir(), "minsheng-migration-")), "migration.sql");
const r = spawnSync(
  process.execPath,
  ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script", "--output", out],
  { stdio: ["ignore", "inherit", "inherit"] },
);
if (r.status !== 0) process.exit(r.status ?? 1);
const sql = readFileSync(out, "utf8");
if (/^-- This is an empty migration\.\s*$/.test(sql)) {
  console.log("The schema matches the committed migrations: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir);
renameSync(out, join(dir, "migration.sql"));
console.log(`Wrote ${dir}/migration.sql; apply it with npm run setup.`);
