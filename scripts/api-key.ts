import { parseArgs } from "node:util";
import { loadConfigOrExit } from "../src/config.js";
import { createPrisma } from "../src/db/prisma.js";
import { createApiKeys } from "../src/channels/api-keys.js";

// `npm run api:key -- --name hotline-12345`: issues an Open311 API key for a client and prints it
// once (only its SHA-256 is stored). `--revoke --name …` withdraws a client's key.
const usage = "usage: npm run api:key -- --name <client name> [--revoke]";
const { values } = parseArgs({ options: { name: { type: "string" }, revoke: { type: "boolean", default: false } } });
const name = values.name?.trim();
if (!name || name.length > 100 || !/^[\p{L}\p{N} ._-]+$/u.test(name)) {
  console.error(`--name is required (letters, digits, space . _ -, at most 100)\n${usage}`);
  process.exit(2);
}
const config = loadConfigOrExit();
const prisma = createPrisma(config.DATABASE_URL, 1);
try {
  const keys = createApiKeys({ prisma });
  if (values.revoke) {
    const r = await keys.revoke(name);
    console.log(r.count ? `Revoked the key of "${name}".` : `No active key for "${name}".`);
  } else {
    const r = await keys.issue(name);
    if (!r.ok) {
      console.error(`A client named "${name}" already exists: choose another name (--revoke withdraws its key).`);
      process.exitCode = 1;
    } else {
      console.log(`Open311 API key for "${name}" (shown once; only its hash is stored):`);
      console.log(`  ${r.key}`);
    }
  }
} finally {
  await prisma.$disconnect();
}
