import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfigOrExit } from "../src/config.js";
import { createPrisma } from "../src/db/prisma.js";
import { createScheduleService } from "../src/clock/schedules.js";

/**
 * `npm run calendar:load -- --file 2027.json`: loads a year's official holidays and make-up working
 * days (调休), e.g. {"year":2027,"holidays":["2027-01-01",…],"workdays":["2027-02-07",…]}.
 * It wins over chinese-days and over the Monday–Friday fallback, in every process within a minute.
 */
const usage = "usage: npm run calendar:load -- --file <schedule.json>";
const { values } = parseArgs({ options: { file: { type: "string" } } });
if (!values.file) {
  console.error(`--file is required\n${usage}`);
  process.exit(2);
}
let input: unknown;
try {
  input = JSON.parse(readFileSync(values.file, "utf8"));
} catch (err) {
  console.error(`cannot read ${values.file}: ${(err as Error).message}`);
  process.exit(2);
}
const config = loadConfigOrExit();
const prisma = createPrisma(config.DATABASE_URL, 1);
try {
  const r = await createScheduleService({ prisma }).importSchedule(input);
  console.log(`loaded ${r.year}: ${r.holidays} holidays, ${r.workdays} make-up working days`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
