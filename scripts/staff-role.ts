import { parseArgs } from "node:util";
import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import type { StaffRole } from "../src/generated/prisma/enums.js";

const ROLES = ["handler", "dispatcher", "supervisor", "admin", "legal_office", "operator"] as const;
const usage = "usage: npm run staff:role -- --user <telegram id> [--role handler|dispatcher|supervisor|admin|legal_office|operator] [--department <code>] [--deactivate | --activate]";

// Changes a staff member's role, department or standing, and sets their command menu at once
// (src/telegram/menus.ts); the staff bot would otherwise set it on their next message.
const { values } = parseArgs({
  options: { user: { type: "string" }, role: { type: "string" }, department: { type: "string" }, deactivate: { type: "boolean" }, activate: { type: "boolean" } },
});
const user = Number(values.user);
if (!Number.isSafeInteger(user) || user <= 0 || (values.role && !ROLES.includes(values.role as (typeof ROLES)[number]))) {
  console.error(usage);
  process.exit(2);
}
const core = createCore(loadConfigOrExit());
try {
  const active = values.deactivate ? false : values.activate ? true : undefined;
  const member = await core.staff.setRole(user, { role: values.role?.toUpperCase() as StaffRole | undefined, departmentCode: values.department, active });
  if (!member) {
    console.error(`No staff member with Telegram id ${user}, or no department ${values.department ?? ""}.\n${usage}`);
    process.exitCode = 1;
  } else {
    await core.menus.setStaff(core.telegram.staff, member);
    console.log(`${member.displayName}: ${member.role}${member.active ? "" : " (inactive)"}; command menu set.`);
  }
} finally {
  await core.close();
}
