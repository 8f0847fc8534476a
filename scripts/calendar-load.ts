import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";

/**
 * `npm run calendar:load -- --file 2027.json`: loads a year's official holidays and make-up working
 * days (调休), e.g. {"year":2027,"holidays":["2027-01-01",…],"workdays":["2027-02-07",…]}.
 * It wins over chinese-days and over the statutory-holiday fallback, in every process within a minute.
 * Then every open case whose due date was provisional (counted without that year's 调休) is counted
 * again: a changed date is recorded, its alarms re-armed and its citizen and handler told.
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
const core = createCore(config);
try {
  const r = await core.schedules.importSchedule(input);
  console.log(`loaded ${r.year}: ${r.holidays} holidays, ${r.workdays} make-up working days`);
  const { changed, confirmed } = await core.deadlines.recountProvisional();
  console.log(`provisional due dates: ${changed} moved (people told, alarms re-armed), ${confirmed} confirmed`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await core.close();
}
