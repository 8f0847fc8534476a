import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMULATOR_TOKENS } from "../../src/config.js";
import { parseOptions, runs } from "./options.js";
import { resolve } from "node:path";
import { buildAll, clearPrefixes, nodeFlags, prepareDatabase, ROOT, workerConcurrency } from "./environment.js";
import { startFakeBotApi } from "./fake-bot-api.js";
import { startPgProxy, type PgProxy } from "./pg-proxy.js";
import { startProc, stopProc, type Proc } from "./procs.js";
import { submitterClient, workersConnected } from "./harness.js";
import { runCeiling, runThroughput, runLatency, runSweep, runCitizenBot, type Results } from "./phases.js";
import { printReport } from "./summary.js";

/**
 * `npm run bench:pipeline`: the case pipeline measured from outside, in one run — the raw BullMQ
 * ceiling, the workers' throughput, latency at a fixed arrival rate and at twice the sustainable
 * one, the sweep with many open cases, and the citizen bot — with SQL round trips counted on the
 * wire and CPU and RSS read from /proc. Its own database, queue prefix and fake Bot API; no network.
 */
const opts = parseOptions(process.argv.slice(2));
const started = Date.now();
const log = (msg: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const PREFIX = "minsheng-bench";
const RAW_PREFIX = "minsheng-bench-raw";
const logDir = mkdtempSync(join(tmpdir(), "minsheng-bench-"));

const procs: Proc[] = [];
const proxies: Record<string, PgProxy> = {};
let api: Awaited<ReturnType<typeof startFakeBotApi>> | undefined;

async function main() {
  log(`building (logs of the product processes: ${logDir})`);
  const bundles = await buildAll(opts.build);
  log(`preparing database ${new URL(opts.databaseUrl).pathname.slice(1)} and queue prefix ${PREFIX}`);
  const seeded = await prepareDatabase(opts.databaseUrl, 500);
  await clearPrefixes(opts.redisUrl, [PREFIX, RAW_PREFIX]);

  api = await startFakeBotApi({ staffToken: EMULATOR_TOKENS.staff, citizenToken: EMULATOR_TOKENS.citizen, cardChats: seeded.cardChats });
  const upstream = new URL(opts.databaseUrl);
  for (const label of ["submitter", "workers", "bots"]) {
    proxies[label] = await startPgProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
  }
  const dbVia = (label: string) => {
    const u = new URL(opts.databaseUrl);
    u.hostname = "127.0.0.1";
    u.port = String(proxies[label].port);
    return u.toString();
  };
  const env = (label: string): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: dbVia(label),
      REDIS_URL: opts.redisUrl,
      QUEUE_PREFIX: PREFIX,
      TELEGRAM_API_ROOT: api!.apiRoot,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    };
    for (const k of ["CITIZEN_BOT_TOKEN", "STAFF_BOT_TOKEN", "WEBHOOK_URL", "WEBHOOK_SECRET"]) delete e[k];
    return e;
  };
  const spawnOpts = (label: string, extra: NodeJS.ProcessEnv = {}, ipc = false) => ({ env: { ...env(label), ...extra }, logDir, cwd: ROOT, ipc });

  const submitterProc = startProc("submitter", ["--enable-source-maps", bundles.submitter], spawnOpts("submitter", {}, true));
  procs.push(submitterProc);
  const submitter = submitterClient(submitterProc);
  await submitter.ready;

  const concurrency = workerConcurrency();
  const ctx = { opts, api, proxies, submitter, seeded, log, prefix: PREFIX, rawPrefix: RAW_PREFIX };
  const results: Results = { options: opts, concurrency };

  // `--cpu-prof DIR`: each product process writes a V8 CPU profile there when it exits.
  const prof = (label: string) => (opts.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${resolve(opts.cpuProf)}`, `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`] : []);

  // (1) The ceiling: raw consumers, as many processes as the product's workers.
  if (runs(opts, "ceiling")) {
    log(`ceiling: ${opts.ceilingCases} raw cases, ${opts.workers} consumer process(es), concurrency ${JSON.stringify(concurrency)}`);
    const raw = Array.from({ length: opts.workers }, (_, i) =>
      startProc(`raw-workers-${i}`, [bundles.rawWorkers], spawnOpts("submitter", { BENCH_RAW_PREFIX: RAW_PREFIX, BENCH_CONCURRENCY: JSON.stringify(concurrency) }, true)),
    );
    await workersConnected(opts.redisUrl, RAW_PREFIX, ["classify", "route", "notify", "deadlines"], opts.workers, raw, 30_000);
    results.ceiling = await runCeiling(ctx, submitterProc, raw);
    await Promise.all(raw.map((p) => stopProc(p)));
    await clearPrefixes(opts.redisUrl, [RAW_PREFIX]);
  }

  // (2), (3), (6): the product's workers.
  if (runs(opts, "workers")) {
    const flags = nodeFlags("start:workers", "dist/workers.mjs");
    // Telegram's pace (about 30 messages a second per bot, one per chat) is lifted against the fake
    // Bot API: every card of a department goes to the same few chats, and at one a second per chat the
    // phases would measure Telegram's limit on a handler's chat, not the workers.
    const unpaced = { TELEGRAM_BOT_MESSAGES_PER_SECOND: "100000", TELEGRAM_CHAT_MESSAGES_PER_SECOND: "100000" };
    const workers = Array.from({ length: opts.workers }, (_, i) => startProc(`workers-${i}`, [...flags, ...prof(`workers-${i}`), "dist/workers.mjs"], spawnOpts("workers", { WORKER_PROCESSES: "1", ...unpaced })));
    procs.push(...workers);
    await workersConnected(opts.redisUrl, PREFIX, ["classify", "route", "notify", "deadlines"], opts.workers, workers, 60_000);
    log(`workers up (${opts.workers} × node ${flags.join(" ")} dist/workers.mjs)`);
    results.throughput = await runThroughput(ctx, submitterProc, workers);
    results.latency = await runLatency(ctx, submitterProc, workers, opts.rate, "fixed");
    const sustainable = results.throughput.casesPerSecond;
    results.overload = await runLatency(ctx, submitterProc, workers, Math.max(1, Math.round(2 * sustainable)), "twice sustainable");
    results.sweep = await runSweep(ctx, workers);
    await Promise.all(workers.map((p) => stopProc(p)));
  }

  // (4) The citizen bot, alone (the workers are stopped so they take no CPU from it).
  // Telegram's budgets (about 30 messages/s per bot, one per chat) are lifted against the fake Bot
  // API, so that the bot's own capacity is measured; the pace's Redis call is still made for every
  // message. A simulated citizen answers at once, where a person takes seconds: kept, the per-chat
  // pace made nearly every update wait about a second for its answer, and the phase measured
  // citizens ÷ 1.4 s (200 citizens: 117 updates/s with the bots process at 0.39 of a core), capped
  // by INBOX_CONCURRENCY chats in hand (512 ÷ 1.4 s ≈ 365/s), not the bot.
  if (runs(opts, "bot")) {
    const bots = startProc("bots", [...nodeFlags("start:bots", "dist/bots.mjs"), ...prof("bots"), "dist/bots.mjs"], spawnOpts("bots", { TELEGRAM_BOT_MESSAGES_PER_SECOND: "100000", TELEGRAM_CHAT_MESSAGES_PER_SECOND: "100000" }));
    procs.push(bots);
    results.bot = await runCitizenBot(ctx, bots);
    await stopProc(bots);
  }

  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  printReport(results);
}

async function cleanup() {
  for (const p of procs) await stopProc(p, 5_000).catch(() => undefined);
  for (const p of Object.values(proxies)) await p.close();
  await api?.close();
  await clearPrefixes(opts.redisUrl, [PREFIX, RAW_PREFIX]).catch(() => undefined);
}

// Interrupted: stop our children and delete our keys before leaving.
process.once("SIGINT", () => {
  console.error("interrupted");
  void cleanup().finally(() => process.exit(130));
});

main()
  .then(cleanup)
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    await cleanup().catch(() => undefined);
    process.exit(1);
  });
