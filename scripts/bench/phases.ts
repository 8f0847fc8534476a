import { Job, Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { EMULATOR_TOKENS } from "../../src/config.js";
import type { FakeBotApi } from "./fake-bot-api.js";
import type { PgProxy } from "./pg-proxy.js";
import { tail, type Proc } from "./procs.js";
import type { Options } from "./options.js";
import type { Seeded } from "./environment.js";
import { caseOutcomes, insertOpenCases } from "./environment.js";
import { cpuOf, failures, maxRssOf, measure, rssOf, submitterClient, until, waitForCards, type Measured } from "./harness.js";
import { round, summary, topStatements } from "./report.js";
import { runCitizens } from "./citizens.js";

export type Ctx = {
  opts: Options;
  api: FakeBotApi;
  proxies: Record<string, PgProxy>;
  submitter: ReturnType<typeof submitterClient>;
  seeded: Seeded;
  log: (m: string) => void;
  prefix: string;
  rawPrefix: string;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Results = Record<string, any>;

const labels = (ps: Proc[]) => ps.map((p) => p.label);

/** Per-process CPU per unit and peak RSS, rounded for the report. */
function perProcess(m: Measured, ps: Proc[], per: number) {
  return Object.fromEntries(ps.map((p) => [p.label, { cpuMsPer: round(m.usage[p.label].cpuMs / per, 2), peakRssMb: round(m.usage[p.label].peakRssMb) }]));
}

/** (1) Raw BullMQ with the product's chain of jobs, options and concurrency, plus one INSERT per case. */
export async function runCeiling(ctx: Ctx, submitter: Proc, raw: Proc[]) {
  const n = ctx.opts.ceilingCases;
  let done = 0;
  let last = 0;
  for (const p of raw) p.child.on("message", (m: { done: number; last: number }) => ((done += m.done), (last = Math.max(last, m.last))));
  const m = measure([submitter, ...raw], { submitter: ctx.proxies.submitter });
  const r = await ctx.submitter.request({ op: "raw", count: n, concurrency: ctx.opts.concurrency, seed: 1, prefix: ctx.rawPrefix });
  const ok = await until(() => done >= n, ctx.opts.drainTimeoutMs);
  const phase = m.stop();
  if (!ok) throw new Error(`ceiling: only ${done}/${n} chains finished:\n${raw.map((p) => tail(p.log, 5)).join("\n")}`);
  const first = Math.min(...r.start);
  const casesPerSecond = n / ((last - first) / 1000);
  ctx.log(`ceiling: ${round(casesPerSecond)} cases/s`);
  // The raw path makes exactly one round trip per case: anything else means the proxy miscounts.
  if (phase.sql.submitter.roundTrips !== n) ctx.log(`WARNING: the SQL proxy counted ${phase.sql.submitter.roundTrips} round trips for ${n} raw INSERTs`);
  return {
    cases: n,
    casesPerSecond: round(casesPerSecond),
    cpuMsPerCase: round(cpuOf(phase, [...labels(raw), "submitter"]) / n, 2),
    sqlRoundTripsPerCase: round(phase.sql.submitter.roundTrips / n, 2),
    failed: failures(r).failed,
    processes: perProcess(phase, [submitter, ...raw], n),
  };
}

/** (2) N complaints through the case service as fast as they go, until the last card reached a handler. */
export async function runThroughput(ctx: Ctx, submitter: Proc, workers: Proc[]) {
  const { opts, api, seeded } = ctx;
  ctx.log(`warm-up: ${opts.warmup} cases (trains the seed model in the workers, warms the JIT)`);
  const warm = await ctx.submitter.request({ op: "burst", keyPrefix: "warm", citizenIds: seeded.citizenIds, count: opts.warmup, concurrency: 4, seed: 2 });
  const w = await waitForCards(api, warm, 120_000);
  if (w.missing || failures(warm).failed) throw new Error(`warm-up: ${w.missing} cards missing, ${failures(warm).failed} failed submits (${failures(warm).reasons.join("; ")}):\n${workers.map((p) => tail(p.log, 8)).join("\n")}`);

  ctx.log(`throughput: ${opts.cases} complaints, ${opts.concurrency} in flight`);
  const m = measure([submitter, ...workers], { submitter: ctx.proxies.submitter, workers: ctx.proxies.workers });
  const r = await ctx.submitter.request({ op: "burst", keyPrefix: "tp", citizenIds: seeded.citizenIds, count: opts.cases, concurrency: opts.concurrency, seed: 3 });
  const cards = await waitForCards(api, r, opts.drainTimeoutMs);
  const phase = m.stop();
  const first = Math.min(...r.start);
  const submitSeconds = (Math.max(...r.end) - first) / 1000;
  const casesPerSecond = cards.carded ? cards.carded / ((cards.lastCard - first) / 1000) : 0;
  const per = Math.max(1, cards.carded);
  const { submitter: s, workers: wk } = phase.sql;
  ctx.log(`throughput: ${round(casesPerSecond)} cases/s (${cards.missing} cards missing)`);
  return {
    cases: opts.cases,
    carded: cards.carded,
    missingCards: cards.missing,
    ...failures(r),
    casesPerSecond: round(casesPerSecond),
    submitsPerSecond: round(opts.cases / submitSeconds),
    submitMs: summary(r.end.map((e, i) => e - r.start[i])),
    sql: {
      roundTripsPerCase: round((s.roundTrips + wk.roundTrips) / per, 1),
      submitRoundTripsPerCase: round(s.roundTrips / per, 1),
      workersRoundTripsPerCase: round(wk.roundTrips / per, 1),
      transactionsPerCase: round((s.commits + wk.commits) / per, 1),
      singleStatementTransactionsPerCase: round((s.autocommits + wk.autocommits) / per, 1),
      beginsPerCase: round((s.begins + wk.begins) / per, 1),
      rollbacksPerCase: round((s.rollbacks + wk.rollbacks) / per, 2),
      topWorkers: topStatements(wk, per, 20),
      topSubmit: topStatements(s, per, 5),
    },
    cpuMsPerCase: round(cpuOf(phase, ["submitter", ...labels(workers)]) / per, 1),
    workersCpuMsPerCase: round(cpuOf(phase, labels(workers)) / per, 1),
    submitCpuMsPerCase: round(cpuOf(phase, ["submitter"]) / per, 1),
    workersPeakRssMb: round(maxRssOf(phase, labels(workers))),
    workersTotalRssMb: round(rssOf(phase, labels(workers))),
    benchCpuMsPerCase: round(phase.usage.bench.cpuMs / per, 2),
    postgresCpuMsPerCase: round(phase.usage.postgres.cpuMs / per, 2),
    redisCpuMsPerCase: round(phase.usage.redis.cpuMs / per, 2),
    processes: perProcess(phase, [submitter, ...workers], per),
    outcomes: await caseOutcomes(opts.databaseUrl),
  };
}

/** (3) Open loop at `rate` cases/s for the configured seconds: submit → card from each scheduled time, failures, drain. */
export async function runLatency(ctx: Ctx, submitter: Proc, workers: Proc[], rate: number, label: string) {
  const { opts, api, seeded } = ctx;
  const count = Math.max(1, Math.round(rate * opts.seconds));
  ctx.log(`latency (${label}): ${rate} cases/s for ${opts.seconds} s (${count} cases)`);
  const m = measure([submitter, ...workers], { submitter: ctx.proxies.submitter, workers: ctx.proxies.workers });
  const r = await ctx.submitter.request({ op: "open", keyPrefix: `rate-${label.replace(/\W/g, "")}`, citizenIds: seeded.citizenIds, count, rate, seed: 4 + rate });
  const cards = await waitForCards(api, r, opts.drainTimeoutMs);
  const phase = m.stop();
  const lastArrival = Math.max(...r.scheduled);
  const f = failures(r);
  const card = summary(cards.latencies);
  ctx.log(`latency (${label}): p99 ${card.p99} ms, ${f.failed} failed, ${cards.missing} undelivered`);
  return {
    rate,
    seconds: opts.seconds,
    cases: count,
    ...f,
    failedPercent: round((100 * f.failed) / count, 1),
    undelivered: cards.missing,
    cardMs: card,
    submitMs: summary(r.end.map((e, i) => e - r.scheduled[i])),
    drained: cards.missing === 0,
    drainMs: cards.missing === 0 ? Math.max(0, Math.round(cards.lastCard - lastArrival)) : null,
    cpuMsPerCase: round(cpuOf(phase, ["submitter", ...labels(workers)]) / Math.max(1, cards.carded), 1),
  };
}

/** (6) One sweep run with many open cases, timed from the job's own start and finish (queue waits excluded). */
export async function runSweep(ctx: Ctx, workers: Proc[]) {
  const { opts } = ctx;
  const open = await insertOpenCases(opts.databaseUrl, opts.openCases);
  ctx.log(`sweep: ${open} open cases`);
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("maintenance", { connection: redis, prefix: ctx.prefix });
  // QueueEvents blocks on its connection: it gets one of its own.
  const eventsRedis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const events = new QueueEvents("maintenance", { connection: eventsRedis, prefix: ctx.prefix });
  await events.waitUntilReady();
  const m = measure(workers, { workers: ctx.proxies.workers });
  const runs: { label: string; ms: number | null; wallMs: number | null; error?: string }[] = [];
  try {
    for (const label of ["after bulk insert", "nothing changed"]) {
      const t0 = Date.now();
      const job = await queue.add("sweep", { task: "sweep" }, { jobId: `bench-sweep-${runs.length + 1}` });
      try {
        await job.waitUntilFinished(events, opts.drainTimeoutMs);
        const done = await Job.fromId(queue, job.id!);
        runs.push({ label, ms: done?.finishedOn && done.processedOn ? done.finishedOn - done.processedOn : null, wallMs: Date.now() - t0 });
      } catch (err) {
        runs.push({ label, ms: null, wallMs: null, error: (err as Error).message.slice(0, 200) });
        break;
      }
      ctx.log(`sweep (${label}): ${runs.at(-1)!.ms} ms`);
    }
  } finally {
    await events.close();
    await queue.close();
    redis.disconnect();
    eventsRedis.disconnect();
  }
  const phase = m.stop();
  return {
    openCases: open,
    runs,
    firstMs: runs[0]?.ms ?? null,
    steadyMs: runs[1]?.ms ?? null,
    sqlRoundTrips: phase.sql.workers.roundTrips,
    workersPeakRssMb: round(maxRssOf(phase, labels(workers))),
  };
}

/** (4) K simulated citizens doing the whole complaint intake through the bots process. */
export async function runCitizenBot(ctx: Ctx, bots: Proc) {
  const { opts, api } = ctx;
  const up = await until(() => bots.child.exitCode === null && api.polls(EMULATOR_TOKENS.citizen) > 0 && api.polls(EMULATOR_TOKENS.staff) > 0, 60_000, 50);
  if (!up) throw new Error(`the bots did not start polling:\n${tail(bots.log)}`);
  ctx.log(`citizen bot: ${opts.citizens} citizens × ${opts.rounds} intake(s)`);
  const m = measure([bots], { bots: ctx.proxies.bots });
  const run = await runCitizens(api, EMULATOR_TOKENS.citizen, { citizens: opts.citizens, rounds: opts.rounds, firstId: 30_000, seed: 5, timeoutMs: 30_000 });
  const phase = m.stop();
  const seconds = run.ms / 1000;
  const updates = Math.max(1, run.updates);
  ctx.log(`citizen bot: ${round(run.updates / seconds)} updates/s, ${run.failed} conversations failed`);
  return {
    citizens: opts.citizens,
    rounds: opts.rounds,
    updates: run.updates,
    finished: run.finished,
    failed: run.failed,
    errors: run.errors,
    updatesPerSecond: round(run.updates / seconds),
    conversationsPerSecond: round(run.finished / seconds, 2),
    replyMs: summary(run.latencies),
    sqlRoundTripsPerUpdate: round(phase.sql.bots.roundTrips / updates, 2),
    transactionsPerUpdate: round(phase.sql.bots.commits / updates, 2),
    singleStatementTransactionsPerUpdate: round(phase.sql.bots.autocommits / updates, 2),
    topStatements: topStatements(phase.sql.bots, updates, 6),
    cpuMsPerUpdate: round(phase.usage.bots.cpuMs / updates, 2),
    // How busy the bots process was over the phase: near 1 (of one core, where its JavaScript runs),
    // it is the limit; well below, the citizens' pace or the bench is.
    botsCoreShare: round(phase.usage.bots.cpuMs / phase.wallMs, 2),
    // The simulated citizens, the fake Bot API and the SQL proxy share the machine's cores.
    benchCpuMsPerUpdate: round(phase.usage.bench.cpuMs / updates, 2),
    peakRssMb: round(phase.usage.bots.peakRssMb),
  };
}
