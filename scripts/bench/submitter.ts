import pg from "pg";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { loadConfig } from "../../src/config.js";
import { createCore } from "../../src/core.js";
import { DEFAULT_JOB_OPTIONS } from "../../src/queues/queues.js";
import { complaint, rng } from "./complaints.js";

/**
 * The bench's submitting process (a child, so its CPU is its own): files complaints through the
 * case service, `core.cases.submit`, exactly as the citizen bot does, and for the ceiling does the
 * raw equivalent (one INSERT, then the same two jobs). Driven by the bench over IPC.
 */
export type SubmitRequest =
  | { op: "burst"; id: number; keyPrefix: string; citizenIds: number[]; count: number; concurrency: number; seed: number }
  | { op: "open"; id: number; keyPrefix: string; citizenIds: number[]; count: number; rate: number; seed: number }
  | { op: "raw"; id: number; count: number; concurrency: number; seed: number; prefix: string };

/** Per submit, index-aligned: epoch ms (fractional) of the scheduled time, start and end; the case number or the error. */
export type SubmitResult = { id: number; scheduled: number[]; start: number[]; end: number[]; numbers: (string | null)[]; errors: (string | null)[] };

const config = loadConfig(process.env);
const core = createCore(config);
const now = () => performance.timeOrigin + performance.now();

type One = (i: number) => Promise<string>;

function makeSubmit(keyPrefix: string, citizenIds: number[], seed: number): One {
  const r = rng(seed);
  return async (i) => {
    const c = complaint(r);
    const named = i % 3 === 0;
    const { case: filed } = await core.cases.submit({
      submissionKey: `${keyPrefix}-${i}`,
      citizenId: citizenIds[i % citizenIds.length],
      kind: "COMPLAINT",
      text: c.text,
      location: c.location,
      anonymous: !named,
      contactName: named ? "王先生" : null,
      contactPhone: named ? `139${String(10_000_000 + i).slice(-8)}` : null,
    });
    return filed.number;
  };
}

const DAY = 24 * 3600 * 1000;
let raw: { pool: pg.Pool; redis: Redis; classify: Queue; deadlines: Queue; prefix: string } | null = null;
function makeRaw(prefix: string, seed: number): One {
  if (raw?.prefix !== prefix) {
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    const q = (name: string) => new Queue(name, { connection: redis, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    // The product's Prisma pool has 10 connections (src/db/prisma.ts); the raw path gets as many.
    raw = { pool: new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 }), redis, classify: q("classify"), deadlines: q("deadlines"), prefix };
  }
  const { pool, classify, deadlines } = raw;
  const r = rng(seed);
  return async () => {
    const c = complaint(r);
    const { rows } = await pool.query<{ id: number }>(`INSERT INTO bench_raw (text, location) VALUES ($1, $2) RETURNING id`, [c.text, c.location]);
    const id = rows[0].id;
    // As the outbox does after commit: one add per queue, the case's two deadline alarms added as
    // the delayed jobs themselves (src/deadlines/alarms.ts).
    await Promise.all([
      classify.addBulk([{ name: "classify", data: { caseId: id }, opts: { jobId: `ob-${id}-c` } }]),
      deadlines.addBulk([
        { name: "overdue", data: { task: "overdue", caseId: id }, opts: { jobId: `overdue-${id}`, delay: 15 * DAY } },
        { name: "remind", data: { task: "remind", caseId: id }, opts: { jobId: `remind-${id}`, delay: 13 * DAY } },
      ]),
    ]);
    return String(id);
  };
}

function emptyResult(id: number, n: number): SubmitResult {
  return { id, scheduled: new Array(n).fill(0), start: new Array(n).fill(0), end: new Array(n).fill(0), numbers: new Array(n).fill(null), errors: new Array(n).fill(null) };
}

async function run(out: SubmitResult, i: number, one: One): Promise<void> {
  out.start[i] = now();
  try {
    out.numbers[i] = await one(i);
  } catch (err) {
    out.errors[i] = (err as Error).message?.split("\n").filter(Boolean).slice(-1)[0]?.slice(0, 200) ?? String(err);
  }
  out.end[i] = now();
}

/** Closed loop: `concurrency` submitters, each starting the next as soon as its last one finished. */
async function closedLoop(id: number, count: number, concurrency: number, one: One): Promise<SubmitResult> {
  const out = emptyResult(id, count);
  let next = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        out.scheduled[i] = i === 0 ? t0 : now();
        await run(out, i, one);
      }
    }),
  );
  return out;
}

/**
 * Open loop: submit i is due at t0 + i/rate whatever happened to the others; latency counts from
 * that scheduled moment, so a stall shows up as waiting instead of hiding it (no coordinated omission).
 */
async function openLoop(id: number, count: number, rate: number, one: One): Promise<SubmitResult> {
  const out = emptyResult(id, count);
  const t0 = now() + 20;
  const pending: Promise<void>[] = [];
  let i = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const t = now();
      while (i < count && t0 + (i * 1000) / rate <= t) {
        out.scheduled[i] = t0 + (i * 1000) / rate;
        pending.push(run(out, i, one));
        i++;
      }
      if (i >= count) return done();
      setTimeout(tick, Math.max(0, t0 + (i * 1000) / rate - now()));
    };
    tick();
  });
  await Promise.all(pending);
  return out;
}

process.on("message", (msg: SubmitRequest | { op: "exit" }) => {
  void (async () => {
    if (msg.op === "exit") {
      await raw?.classify.close();
      await raw?.deadlines.close();
      await raw?.redis.quit();
      await raw?.pool.end();
      await core.close();
      process.exit(0);
    }
    let result: SubmitResult;
    if (msg.op === "raw") result = await closedLoop(msg.id, msg.count, msg.concurrency, makeRaw(msg.prefix, msg.seed));
    else if (msg.op === "burst") result = await closedLoop(msg.id, msg.count, msg.concurrency, makeSubmit(msg.keyPrefix, msg.citizenIds, msg.seed));
    else result = await openLoop(msg.id, msg.count, msg.rate, makeSubmit(msg.keyPrefix, msg.citizenIds, msg.seed));
    process.send!(result);
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
});
process.send!({ op: "ready" });
