import { randomBytes } from "node:crypto";
import { createCitizen, complaintPlan, type CitizenOptions, type CitizenPlan, type CitizenResult } from "./citizen.js";
import { createFakeTelegram, type FakeTelegram } from "./fake-telegram.js";
import { count, paceFloorSeconds, readDatabase, type Counts } from "./measure.js";
import { startProcess, stopAll, type Proc, type ProcessName } from "./product.js";
import type { Services } from "./services.js";

/** What one row of the table reports. */
export type Target = { name: string; pass: boolean; detail: string };
export type RowResult = {
  row: string;
  fault: string;
  counts?: Counts;
  /** Seconds from the dependency's return (or the end of the fault) to the last expected message. */
  deliverSeconds?: number;
  exitSeconds?: number;
  notes: string[];
  targets: Target[];
  seconds: number;
};

export type Options = { cases: number; pgLongSeconds: number; quick: boolean; keepLogs: boolean };

/** One row's world: a fresh database and Redis, a fresh fake Bot API, the product processes it starts. */
export async function createRowContext(services: Services, logDir: string, opts: Options, row: string) {
  await services.resetDatabase();
  await services.flushRedis();
  const fake = createFakeTelegram();
  await fake.start();
  const prefix = `faults-${randomBytes(3).toString("hex")}`;
  const baseEnv = {
    DATABASE_URL: services.databaseUrl(),
    REDIS_URL: services.redisUrl,
    QUEUE_PREFIX: prefix,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? "warn",
    NODE_ENV: "production",
    // Every simulated complaint is distinct: none may be linked to another as 并单, nor wait for a dispatcher.
    DUPLICATE_SIMILARITY: "1",
    ROUTING_CONFIDENCE: "0",
  };
  let citizenBase = 20_000;
  const receipts = () => fake.messages.filter((m) => m.bot === "citizen" && /已受理。事项编号/.test(m.text)).length;

  const ctx = {
    fake,
    services,
    opts,
    baseEnv,

    start(name: ProcessName, extra: Record<string, string> = {}, label?: string): Proc {
      return startProcess(name, { ...baseEnv, ...extra }, logDir, `${row}.${label ?? name}`);
    },

    /** A bots process is up when both bots have asked the fake for updates since `since`. */
    async botsPolling(since: number, timeoutMs = 60_000): Promise<void> {
      await waitUntil("bots polling", timeoutMs, () =>
        (["citizen", "staff"] as const).every((b) => fake.calls.some((c) => c.bot === b && c.method === "getUpdates" && c.receivedAt >= since)),
      );
    },

    async httpReady(port: number, timeoutMs = 60_000, proc?: Proc): Promise<void> {
      await waitUntil(`http on ${port}`, timeoutMs, async () => {
        if (proc?.exited) throw new Error(`${proc.label} exited before it was ready (log: ${proc.log})`);
        const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        return r?.ok ?? false;
      });
    },

    plans(n: number): CitizenPlan[] {
      const base = citizenBase;
      citizenBase += 10_000;
      return Array.from({ length: n }, (_, i) => complaintPlan(i, base));
    },

    /** Starts the citizens a few milliseconds apart, as people arrive, and resolves when all are done or gave up. */
    async runCitizens(
      plans: CitizenPlan[],
      o: Omit<CitizenOptions, "deadline" | "burst" | "repeatText"> & { deadlineMs: number; burst?: (i: number) => boolean; repeatText?: (i: number) => boolean; spreadMs?: number },
    ): Promise<CitizenResult[]> {
      const t0 = Date.now();
      const deadline = t0 + o.deadlineMs;
      const people = plans.map((p, i) => createCitizen(fake, p, { answerTimeoutMs: o.answerTimeoutMs, deadline, burst: o.burst?.(i), repeatText: o.repeatText?.(i) }));
      // A progress line every 30 s: where the people still busy are waiting.
      const ticker = setInterval(() => {
        const busy = people.map((p) => p.status()).filter((s) => !s.done);
        const where = new Map<string, number>();
        for (const s of busy) where.set(s.lastSeen || "(nothing yet)", (where.get(s.lastSeen || "(nothing yet)") ?? 0) + 1);
        console.log(`  … ${Math.round((Date.now() - t0) / 1000)} s: ${plans.length - busy.length}/${plans.length} citizens done, ${receipts()} receipts; waiting after: ${[...where].map(([k, v]) => `"${k}" ×${v}`).join(", ")}`);
      }, 30_000);
      try {
        return await Promise.all(
          people.map(async (person, i) => {
            // 15 ms apart by default; `spreadMs` spreads the arrivals over that long instead.
            await new Promise((r) => setTimeout(r, o.spreadMs ? Math.round((i * o.spreadMs) / plans.length) : i * 15));
            return person.run();
          }),
        );
      } finally {
        clearInterval(ticker);
      }
    },

    receipts,

    /** Waits until every case of these citizens is delivered (or `untilMs` passes), then counts. */
    async settle(plans: CitizenPlan[], results: CitizenResult[], untilMs: number): Promise<Counts> {
      let counts: Counts | undefined;
      for (;;) {
        const db = await readDatabase(services.databaseUrl()).catch(() => undefined);
        if (db) {
          counts = count(db, fake, plans, results);
          if (counts.undelivered === 0 && counts.lost === 0) break;
        }
        if (Date.now() > untilMs) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      if (!counts) counts = count(await readDatabase(services.databaseUrl()), fake, plans, results);
      // A little longer, so late duplicates of what was just delivered are counted too.
      await new Promise((r) => setTimeout(r, opts.quick ? 1000 : 3000));
      return count(await readDatabase(services.databaseUrl()), fake, plans, results);
    },

    async close(): Promise<string[]> {
      const slow = await stopAll(10_000);
      await fake.stop();
      return slow;
    },
  };
  return ctx;
}

export type RowContext = Awaited<ReturnType<typeof createRowContext>>;

export async function waitUntil(what: string, timeoutMs: number, cond: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The targets every row that files complaints is held to. */
export function caseTargets(c: Counts, ref: number | undefined, dupAllowance: number): { targets: Target[]; deliverSeconds?: number } {
  const deliverSeconds = c.lastDeliveryAt !== undefined && ref !== undefined ? Math.max(0, (c.lastDeliveryAt - ref) / 1000) : undefined;
  const floor = ref !== undefined ? paceFloorSeconds(c, ref) : 0;
  return {
    deliverSeconds,
    targets: [
      { name: "0 cases lost", pass: c.lost === 0, detail: `${c.lost} of ${c.citizens} lost` },
      { name: "0 duplicate cases", pass: c.duplicateCases === 0, detail: `${c.duplicateCases} duplicate` },
      { name: "fields as sent", pass: c.wrongFields === 0, detail: `${c.wrongFields} cases with another step's text` },
      {
        name: `duplicated sends ≤ ${dupAllowance}`,
        pass: c.duplicateSends <= dupAllowance,
        detail: `${c.duplicateSends} duplicated (allowed ${dupAllowance} in flight)`,
      },
      {
        // Within 30 s of the fault's end, beyond what Telegram's pace of about one message a second
        // per chat needs for the busiest chat's backlog (that much no product can send sooner).
        name: `all delivered ≤ 30 s${floor ? ` + ${floor} s of per-chat pace` : ""}`,
        pass: c.undelivered === 0 && (deliverSeconds ?? 0) <= 30 + floor,
        detail: c.undelivered
          ? `${c.undelivered} of ${c.cases} undelivered\n      ${c.undeliveredDetail.join("\n      ")}`
          : `last ${deliverSeconds?.toFixed(1) ?? "-"} s after`,
      },
    ],
  };
}
