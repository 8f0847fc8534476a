import { randomBytes } from "node:crypto";
import type { Core } from "../src/core.js";
import { keyOpenComplaints } from "../src/cases/duplicates.js";

/** Rows older than this are considered missed by the after-commit flush. */
export const SWEEP_GRACE_MS = 5_000;
/** Enqueued work not done after this long is checked against Redis (a single job may have been evicted). */
export const STALE_JOB_MS = 10 * 60_000;
/** A rebuild holds its lock this long at most (a process that died while rebuilding lets another take over). */
const REBUILD_LOCK_MS = 60_000;

/**
 * The regular sweep. Its cost follows what changed or is due, never the number of open cases:
 * outbox rows that never reached Redis, the few enqueued long ago and not done, disclosure
 * requests past their correction window, and cases now overdue or due a reminder (by index).
 */
export async function sweepOnce(core: Core) {
  const moved = await core.outbox.flush(undefined, SWEEP_GRACE_MS);
  if (moved > 0) core.logger.info({ moved }, "sweep enqueued missed outbox work");
  const requeued = await core.outbox.requeueStale(STALE_JOB_MS);
  if (requeued > 0) core.logger.warn({ requeued }, "sweep re-added work Redis had lost");
  // 补正 periods that passed are put to the handler; consultations whose period ended restart the clock.
  const expired = await core.deadlines.askCorrectionLapses();
  if (expired > 0) core.logger.info({ expired }, "asked handlers to confirm lapsed corrections");
  const abandoned = await core.deadlines.expireReconsiderationCorrections();
  if (abandoned > 0) core.logger.info({ abandoned }, "reconsiderations past their correction period treated as abandoned");
  const resumed = await core.deadlines.endConsultations();
  if (resumed > 0) core.logger.info({ resumed }, "consultation periods ended: clocks running again");
  const { marked } = await core.deadlines.sweepDue();
  if (marked > 0) core.logger.info({ marked }, "sweep marked deadlines");
  return { moved, requeued, expired, abandoned, resumed, marked };
}

/** Everything Redis holds that Postgres can give back: schedulers, outbox jobs, deadline alarms. */
export async function rebuildFromDatabase(core: Core, ensureSchedulers: () => Promise<void>) {
  await ensureSchedulers();
  const jobs = await core.outbox.requeueAll();
  const alarms = await core.deadlines.rebuild();
  return { jobs, ...alarms };
}

// Sets the epoch only if this rebuild's lock is still there: a lock gone means Redis lost its data
// again while we rebuilt, and the next check must rebuild again.
const FINISH_REBUILD = `if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("SET", KEYS[2], ARGV[2]) redis.call("DEL", KEYS[1]) return 1 end return 0`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

/**
 * What every workers process runs beside its workers, on timers of its own (never on a job
 * scheduler, which would vanish with the Redis data it is meant to repair):
 *
 * - **Redis loss check** every `REDIS_LOSS_CHECK_MS`: an epoch key under the queue prefix. Whenever
 *   it is missing (first start, FLUSHALL, a restart without persistence), one process (a lock)
 *   rebuilds from Postgres at once and writes a new epoch; the others adopt it.
 * - **Sweep** every `SWEEP_INTERVAL_SECONDS`, by one process at a time (SET NX PX for the interval);
 *   each process's first sweep also keys the open complaints filed before 并单 keys existed.
 */
export function startUpkeep(core: Core, deps: { ensureSchedulers: () => Promise<void> }) {
  const { redis, logger, config } = core;
  const epochKey = `${config.QUEUE_PREFIX}:epoch`;
  const rebuildKey = `${config.QUEUE_PREFIX}:rebuild-lock`;
  const sweepKey = `${config.QUEUE_PREFIX}:sweep-lock`;
  /** The epoch this process last saw; null until its start-up check is done. */
  let known: string | null = null;
  let rebuilds = 0;
  let checking = false;
  let sweeping = false;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (resolveReady = r));

  async function check(): Promise<void> {
    const current = await redis.get(epochKey);
    if (current !== null) {
      if (known === null) {
        // Starting against a Redis that kept its data since the last rebuild: the alarms and jobs
        // are there; only this version's schedulers are written (N processes, no N rebuilds).
        await deps.ensureSchedulers();
        resolveReady();
      }
      known = current; // unchanged, or another process rebuilt after a loss
      return;
    }
    if (known !== null) logger.warn({ epoch: known }, "Redis lost its data: rebuilding jobs, alarms and schedulers from the database");
    const token = randomBytes(8).toString("hex");
    if ((await redis.set(rebuildKey, token, "PX", REBUILD_LOCK_MS, "NX")) !== "OK") return; // another process is at it
    try {
      const started = Date.now();
      const r = await rebuildFromDatabase(core, deps.ensureSchedulers);
      const epoch = `${Date.now()}-${token}`;
      if ((await redis.eval(FINISH_REBUILD, 2, rebuildKey, epochKey, token, epoch)) !== 1) return;
      known = epoch;
      rebuilds++;
      logger.info({ ...r, ms: Date.now() - started }, "rebuilt from the database");
      resolveReady();
    } catch (err) {
      await redis.eval(RELEASE, 1, rebuildKey, token).catch(() => undefined);
      throw err;
    }
  }

  /** Whether this process has keyed the open complaints filed before 并单 keys existed (once per start). */
  let keyed = false;
  async function sweep(): Promise<void> {
    if ((await redis.set(sweepKey, "1", "PX", Math.max(500, config.SWEEP_INTERVAL_SECONDS * 1000 - 250), "NX")) !== "OK") return;
    if (!keyed) {
      const n = await keyOpenComplaints(core.pool);
      keyed = true;
      if (n > 0) logger.info({ keyed: n }, "并单 keys written for open complaints filed before them");
    }
    await sweepOnce(core);
  }

  // A Redis or Postgres outage makes a round hang or fail; the flags keep rounds from piling up.
  const checkTimer = setInterval(() => {
    if (checking) return;
    checking = true;
    check()
      .catch((err) => logger.warn({ err: (err as Error).message }, "Redis loss check failed; retrying"))
      .finally(() => (checking = false));
  }, config.REDIS_LOSS_CHECK_MS);
  const sweepTimer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((err) => logger.warn({ err: (err as Error).message }, "sweep failed; retrying next round"))
      .finally(() => (sweeping = false));
  }, config.SWEEP_INTERVAL_SECONDS * 1000);
  checking = true;
  void check()
    .catch((err) => logger.warn({ err: (err as Error).message }, "start-up rebuild failed; retrying"))
    .finally(() => (checking = false));

  return {
    /** Resolves once this process's start-up check (and rebuild, if Redis had no epoch) is done. */
    ready,
    /** How many rebuilds this process ran (for tests and logs). */
    rebuilds: () => rebuilds,
    /** Stops the timers at once; a round in progress is abandoned (its lock expires). */
    stop() {
      clearInterval(checkTimer);
      clearInterval(sweepTimer);
    },
  };
}
