import { caseTargets, waitUntil, type RowContext, type RowResult, type Target } from "./harness.js";
import { unansweredUpdates } from "./measure.js";
import { killProcess, type Proc } from "./product.js";
import type { FakeTelegram } from "./fake-telegram.js";

/**
 * Rows where citizens file complaints while something breaks. Each starts bots and workers as
 * separate processes, sends its citizens, breaks something mid-flow and counts afterwards.
 */
type FaultOutcome = { ref?: number; allowance?: number; notes?: string[]; targets?: Target[] };
type FlowSpec = {
  row: string;
  fault: string;
  answerTimeoutMs?: number;
  /** How long after the fault's end the citizens may still be busy. */
  tailMs?: number;
  bots?: number;
  outageSeconds?: number;
  repeatText?: (i: number) => boolean;
  /**
   * Citizens arrive over this long instead of all at once. Intake is fast enough that 200 citizens
   * started together all get their receipts in one burst, so a fault triggered at a share of the
   * receipts would begin after the last of them: spread out, most are still filing when it begins.
   */
  spreadMs?: number;
  inject: (ctx: RowContext, procs: Procs, n: number) => Promise<FaultOutcome>;
};
type Procs = { bots: Proc[]; workers: Proc };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function flowRow(ctx: RowContext, spec: FlowSpec): Promise<RowResult> {
  const t0 = Date.now();
  const n = ctx.opts.cases;
  const since = Date.now();
  const procs: Procs = { bots: [ctx.start("bots")], workers: ctx.start("workers") };
  for (let i = 1; i < (spec.bots ?? 1); i++) procs.bots.push(ctx.start("bots", {}, `bots-${i + 1}`));
  await ctx.botsPolling(since);
  const plans = ctx.plans(n);
  const citizens = ctx.runCitizens(plans, {
    answerTimeoutMs: spec.answerTimeoutMs ?? 30_000,
    // People give up some minutes after the fault: long enough for any outage row, bounded for a broken product.
    deadlineMs: (spec.outageSeconds ?? 0) * 1000 + (ctx.opts.quick ? 120_000 : 180_000),
    repeatText: spec.repeatText,
    spreadMs: spec.spreadMs,
  });
  const outcome = await spec.inject(ctx, procs, n);
  const results = await citizens;
  const lastConfirm = Math.max(0, ...results.map((r) => r.confirmedAt ?? 0));
  // Delivery is timed from the fault's end, or from the last confirmation if citizens were still
  // filing after it (a case confirmed later cannot be delivered before it was filed).
  const ref = Math.max(outcome.ref ?? 0, lastConfirm);
  const counts = await ctx.settle(plans, results, Math.max(Date.now(), ref) + (spec.tailMs ?? (ctx.opts.quick ? 45_000 : 60_000)));
  const { targets, deliverSeconds } = caseTargets(counts, ref, outcome.allowance ?? 0);
  return {
    row: spec.row,
    fault: spec.fault,
    counts,
    deliverSeconds,
    notes: outcome.notes ?? [],
    targets: [...targets, ...(outcome.targets ?? [])],
    seconds: (Date.now() - t0) / 1000,
  };
}

/** Waits for a share of the expected receipts (each case is one receipt), or gives up waiting after a while. */
async function afterReceipts(ctx: RowContext, n: number, share: number): Promise<void> {
  await waitUntil("receipts", 180_000, () => ctx.receipts() >= Math.ceil(n * share)).catch(() => undefined);
}

/** Arrivals spread over 30 s (5 s with --quick): the fault begins with most citizens still filing. */
const midIntake = (ctx: RowContext) => (ctx.opts.quick ? 5_000 : 30_000);
/** What the row's notes say of when the fault began: receipts so far, and citizens still filing. */
const began = (ctx: RowContext, n: number) => `${ctx.receipts()} receipts (${Math.max(0, n - ctx.receipts())} citizens still filing)`;

/**
 * Sends that may have reached Telegram without their result being recorded: open, or answered less
 * than 100 ms before, when a process died at `t`, or answered while the database that records them
 * was away (until `until`).
 */
function inFlight(fake: FakeTelegram, t: number, isFrom: (c: FakeTelegram["calls"][number]) => boolean, until = t): number {
  return fake.calls.filter((c) => isFrom(c) && c.method === "sendMessage" && c.receivedAt <= until && (c.answeredAt === undefined || c.answeredAt >= t - 100)).length;
}
const fromWorkers = (c: FakeTelegram["calls"][number]) => c.bot === "staff" || /已交由「/.test(c.text ?? "");
/** Receipts, routed notices and cards: the sends whose delivery the product records. */
const isRecorded = (c: FakeTelegram["calls"][number]) => c.bot === "staff" || /已受理。事项编号|已交由「/.test(c.text ?? "");
const fromBots = (c: FakeTelegram["calls"][number]) => c.bot === "citizen" && !/已交由「/.test(c.text ?? "");

function cardsSoFar(ctx: RowContext): number {
  return ctx.fake.messages.filter((m) => m.bot === "staff").length;
}

export const FLOW_ROWS: Record<string, (ctx: RowContext) => Promise<RowResult>> = {
  // No fault: what the load of concurrent citizens alone does, so a row's losses can be told apart from it.
  baseline: (ctx) => flowRow(ctx, { row: "baseline", fault: "no fault (the load alone)", inject: async () => ({}) }),

  "workers-kill": (ctx) =>
    flowRow(ctx, {
      row: "workers-kill",
      fault: "workers SIGKILLed 3 times, 3 s down",
      inject: async (c, procs, n) => {
        let allowance = 0;
        const notes: string[] = [];
        for (const share of [0.1, 0.4, 0.7]) {
          await waitUntil("cards", 180_000, () => cardsSoFar(c) >= Math.ceil(2 * n * share)).catch(() => undefined);
          const t = Date.now();
          await killProcess(procs.workers);
          const flying = inFlight(c.fake, t, fromWorkers);
          allowance += flying;
          notes.push(`kill at ${cardsSoFar(c)} cards, ${flying} in flight`);
          await sleep(3000);
          procs.workers = c.start("workers");
        }
        return { ref: Date.now(), allowance, notes };
      },
    }),

  "redis-flush": (ctx) =>
    flowRow(ctx, {
      row: "redis-flush",
      fault: "Redis FLUSHALL mid-flow",
      spreadMs: midIntake(ctx),
      inject: async (c, _p, n) => {
        await afterReceipts(c, n, 0.3);
        const when = began(c, n);
        await c.services.flushRedis();
        return { ref: Date.now(), notes: [`flushed at ${when}`] };
      },
    }),

  "redis-down": (ctx) =>
    flowRow(ctx, {
      row: "redis-down",
      fault: "Redis down 60 s (restarted with its data)",
      spreadMs: midIntake(ctx),
      answerTimeoutMs: 100_000,
      outageSeconds: ctx.opts.quick ? 15 : 60,
      inject: async (c, _p, n) => {
        const down = c.opts.quick ? 15_000 : 60_000;
        await afterReceipts(c, n, 0.3);
        const when = began(c, n);
        await c.services.stopRedis(true);
        await sleep(down);
        await c.services.startRedis();
        return { ref: Date.now(), notes: [`down ${down / 1000} s from ${when}`] };
      },
    }),

  "pg-down-10s": (ctx) => pgDown(ctx, "pg-down-10s", 10),
  "pg-down-long": (ctx) => pgDown(ctx, "pg-down-long", ctx.opts.pgLongSeconds),

  "two-pollers": (ctx) =>
    flowRow(ctx, {
      row: "two-pollers",
      fault: "two bots processes polling the same bot",
      bots: 2,
      inject: async (c) => ({ notes: [`${c.fake.stats.conflicts409} × 409 Conflict answered`] }),
    }),

  "repeated-update": (ctx) =>
    flowRow(ctx, {
      row: "repeated-update",
      fault: "the same form update delivered twice (every 4th citizen's description)",
      repeatText: (i) => i % 4 === 0,
      inject: async () => ({}),
    }).then((r) => ({
      ...r,
      targets: [...r.targets, { name: "each update handled once", pass: r.counts!.repeatedPrompts === 0, detail: `${r.counts!.repeatedPrompts} prompts repeated` }],
    })),

  "bots-kill-after-fetch": async (ctx) => {
    const fatal = new Set<number>();
    let kills = 0;
    let allowance = 0;
    const result = await flowRow(ctx, {
      row: "bots-kill-after-fetch",
      fault: "bots SIGKILLed 30 ms after fetching updates (5 times; 3 with --quick)",
      answerTimeoutMs: 20_000,
      inject: async (c, procs, n) => {
        const target = c.opts.quick ? 3 : 5;
        let armed = true;
        await afterReceipts(c, n, 0.02);
        await new Promise<void>((done) => {
          // Stop when the kills are done, or when the citizens have nothing left to send (then fewer kills are reported).
          const idle = setInterval(() => {
            const lastUpdate = c.fake.updates.at(-1)?.at ?? 0;
            if (armed && Date.now() - lastUpdate > 15_000) finish();
          }, 1000);
          const finish = () => {
            clearInterval(idle);
            c.fake.events.off("batch", onBatch);
            done();
          };
          const onBatch = (bot: string, updates: { update_id: number }[]) => {
            if (bot !== "citizen" || !armed) return;
            armed = false;
            for (const u of updates) fatal.add(u.update_id);
            setTimeout(async () => {
              const t = Date.now();
              await killProcess(procs.bots[0]);
              allowance += inFlight(c.fake, t, fromBots);
              kills++;
              await sleep(1000);
              const since = Date.now();
              procs.bots[0] = c.start("bots");
              await c.botsPolling(since).catch(() => undefined);
              await sleep(1000);
              if (kills >= target) finish();
              else armed = true;
            }, 30);
          };
          c.fake.events.on("batch", onBatch);
        });
        return { ref: Date.now(), allowance };
      },
    });
    // The runner confirms a batch when it fetches the next, so what a kill loses may be any update fetched before it:
    // count every update that got no answer before the person's next one.
    const all = new Set(ctx.fake.updates.filter((u) => u.bot === "citizen").map((u) => u.updateId));
    const lostAnswers = unansweredUpdates(ctx.fake, all);
    const lostFatal = unansweredUpdates(ctx.fake, fatal);
    result.notes.push(`${kills} kills; ${lostAnswers} of ${all.size} updates never answered (${lostFatal} of the ${fatal.size} in the batches fetched 30 ms before a kill)`);
    result.targets.push({ name: "0 updates lost", pass: lostAnswers === 0, detail: `${lostAnswers} of ${all.size} unanswered (${result.counts!.unanswered} waits in vain)` });
    return result;
  },

  "receipt-429": (ctx) =>
    flowRow(ctx, {
      row: "receipt-429",
      fault: "one 429 (retry_after 2) on the receipt, for 20 citizens (half of them with --quick)",
      inject: async (c, _p, n) => {
        c.fake.inject429({ bot: "citizen", method: "sendMessage", match: (p) => /已受理。事项编号/.test(String(p.text)), retryAfter: 2, times: Math.min(20, Math.ceil(n / 2)) });
        return {};
      },
    }).then((r) => ({
      ...r,
      targets: [...r.targets, { name: "no error after filing", pass: r.counts!.errorsSeen === 0, detail: `${r.counts!.errorsSeen} citizens saw "系统出了点问题"` }],
    })),
};

function pgDown(ctx: RowContext, row: string, seconds: number): Promise<RowResult> {
  return flowRow(ctx, {
    row,
    fault: `Postgres down ${seconds} s`,
    spreadMs: midIntake(ctx),
    answerTimeoutMs: (seconds + 60) * 1000,
    outageSeconds: seconds,
    inject: async (c, _p, n) => {
      await afterReceipts(c, n, 0.3);
      const when = began(c, n);
      const t = Date.now();
      c.services.stopPostgres();
      await sleep(seconds * 1000);
      await c.services.startPostgres();
      const allowance = inFlight(c.fake, t, isRecorded, Date.now());
      return { ref: Date.now(), allowance, notes: [`stopped at ${when}; ${allowance} sends in flight while it was away`] };
    },
  });
}
