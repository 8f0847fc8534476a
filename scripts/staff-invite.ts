import { parseArgs } from "node:util";
import { loadConfigOrExit } from "../src/config.js";
import { createPrisma } from "../src/db/prisma.js";
import { createStaffService } from "../src/staff/staff-service.js";
import { Api } from "grammy";
import { botUsername } from "../src/telegram/api.js";
import type { StaffRole } from "../src/generated/prisma/enums.js";

const ROLES = ["handler", "dispatcher", "supervisor", "admin", "legal_office", "operator"] as const;
const usage = "usage: npm run staff:invite -- --role handler|dispatcher|supervisor|admin|legal_office|operator [--department <code>]";

const { values } = parseArgs({ options: { role: { type: "string" }, department: { type: "string" } } });
if (!values.role || !ROLES.includes(values.role as (typeof ROLES)[number])) {
  console.error(`--role is required and must be one of ${ROLES.join(", ")}\n${usage}`);
  process.exit(2);
}
const config = loadConfigOrExit();
const prisma = createPrisma(config.DATABASE_URL, 1);
try {
  const staff = createStaffService({ prisma });
  const { token, expiresAt } = await staff.invite(values.role.toUpperCase() as StaffRole, values.department);
  const username = await botUsername(config, "staff", new Api(config.staffToken, { apiRoot: config.apiRoot }));
  console.log(`One-time invite (${values.role}${values.department ? `, ${values.department}` : ""}), valid until ${expiresAt.toISOString()}:`);
  console.log(`  https://t.me/${username}?start=${token}`);
  if (config.emulator) console.log(`  emulator: npm run chat -- --as staff --user <id>, then send: /start ${token}`);
} catch (err) {
  console.error(`Could not create the invite: ${(err as Error).message}\n${usage}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
