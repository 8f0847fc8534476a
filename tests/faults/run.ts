import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createServices } from "./services.js";
import { buildBundle, killAllSync, runSetup } from "./product.js";
import { createRowContext, type Options, type RowResult } from "./harness.js";
import { FLOW_ROWS } from "./rows-flow.js";
import { PROCESS_ROWS } from "./rows-process.js";
import { printRow, printSummary } from "./report.js";
import { addSuiteStaff } from "./measure.js";

/**
 * `npm run test:faults`: the fault suite of issue 7. Starts its own Postgres cluster (port 25432)
 * and Redis (26379), the product as separate processes against a fake Bot API, replays each fault
 * with simulated citizens, and prints one row per fault with its counts and targets.
 *
 *   --only a,b          run only these rows (names as printed)
 *   --quick             20 citizens a row and shorter outages, for development
 *   --cases N           citizens per row (default 200)
 *   --pg-long-seconds S length of the long Postgres outage (default 300)
 *   --keep-logs         keep the processes' logs (always kept when a row fails)
 *   --keep-db           keep the Postgres cluster's data directory too, to look into afterwards
 * FAULTS_LOG_LEVEL sets the product processes' LOG_LEVEL (default warn); FAULTS_PG_PORT and
 * FAULTS_REDIS_PORT move its Postgres and Redis off 25432 and 26379.
 */
const ROWS = { ...FLOW_ROWS, ...PROCESS_ROWS };
const ORDER = [
  "baseline", "workers-kill", "redis-flush", "redis-down", "pg-down-10s", "pg-down-long", "two-pollers", "repeated-update",
  "bots-kill-after-fetch", "receipt-429", "http-sigterm", "workers-sigterm-retry-after", "webhook-no-secret",
  "webhook-forged", "webhook-two-processes",
] as const;

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    cases: { type: "string" },
    "pg-long-seconds": { type: "string" },
    "keep-logs": { type: "boolean", default: false },
    "keep-db": { type: "boolean", default: false },
  },
});
const quick = values.quick ?? false;
const opts: Options = {
  quick,
  cases: Number(values.cases ?? (quick ? 20 : 200)),
  pgLongSeconds: Number(values["pg-long-seconds"] ?? (quick ? 30 : 300)),
  keepLogs: values["keep-logs"] ?? false,
};
const only = values.only?.split(",").map((s) => s.trim()).filter(Boolean);
for (const name of only ?? []) {
  if (!(name in ROWS)) {
    console.error(`unknown row "${name}"; rows: ${ORDER.join(", ")}`);
    process.exit(2);
  }
}
const rows = ORDER.filter((r) => !only || only.includes(r));

const workDir = mkdtempSync(join(tmpdir(), "minsheng-faults-"));
const logDir = join(workDir, "logs");
mkdirSync(logDir);
const services = createServices(workDir);
let keepWorkDir = opts.keepLogs || (values["keep-db"] ?? false);

// Whatever happens, nothing this suite started outlives it.
let cleaned = false;
function cleanup(): void {
  if (cleaned) return;
  cleaned = true;
  killAllSync();
  services.stopAllSync();
  if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  else if (!values["keep-db"]) rmSync(join(workDir, "pg"), { recursive: true, force: true });
}
process.on("exit", cleanup);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping the product, Postgres and Redis`);
    cleanup();
    process.exit(130);
  });
}

const started = Date.now();
console.log(`fault suite: ${rows.length} rows, ${opts.cases} citizens a row${quick ? " (quick)" : ""}; work dir ${workDir}`);
buildBundle();
await services.initPostgres();
await services.startPostgres();
await services.startRedis();
// The template every row's database is copied from: migrated and seeded once, by the product's own setup.
runSetup({ DATABASE_URL: services.databaseUrl(services.templateDb), LOG_LEVEL: "warn" });
await addSuiteStaff(services.databaseUrl(services.templateDb));

const results: RowResult[] = [];
for (const name of rows) {
  const ctx = await createRowContext(services, logDir, opts, name);
  let result: RowResult;
  try {
    result = await ROWS[name](ctx);
  } catch (err) {
    result = { row: name, fault: name, notes: [`harness error: ${err instanceof Error ? err.message : String(err)}`], targets: [{ name: "row ran", pass: false, detail: "harness error" }], seconds: 0 };
  }
  const slow = await ctx.close().catch(() => [] as string[]);
  if (slow.length) result.targets.push({ name: "processes exit ≤ 10 s at row end", pass: false, detail: slow.join(", ") });
  if (ctx.fake.stats.unknownMethods.size) result.notes.push(`Bot API methods the fake does not know: ${[...ctx.fake.stats.unknownMethods].join(", ")}`);
  if (result.targets.some((t) => !t.pass)) keepWorkDir = true;
  results.push(result);
  printRow(result);
  // Dependencies a row stopped come back for the next one.
  await services.startPostgres().catch(() => undefined);
  await services.startRedis().catch(() => undefined);
}

const failed = printSummary(results, (Date.now() - started) / 1000, keepWorkDir ? logDir : undefined);
cleanup();
process.exit(failed ? 1 : 0);
