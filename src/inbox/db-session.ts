import pg from "pg";
import type { Logger } from "../logger.js";

export type Lease = { key: string; generation: number };

/**
 * One dedicated Postgres connection per bots runner, for what must live in a session: advisory
 * locks (who long-polls a bot, who handles a chat) and LISTEN. A lock dies with the session, so a
 * killed process releases everything it held the moment its connection drops. When the connection
 * is lost the generation moves on: leases of the old generation are void (their holders stop after
 * the update in hand), and the next call connects again.
 */
export function createDbSession(deps: { databaseUrl: string; logger: Logger; listen?: Record<string, (payload: string) => void> }) {
  const { databaseUrl, logger } = deps;
  const listeners = deps.listen ?? {};
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let generation = 0;
  let closed = false;

  function lost(c: pg.Client, err?: Error) {
    if (client !== c) return;
    client = undefined;
    generation++;
    if (!closed) logger.warn({ err: err?.message }, "inbox session to postgres lost; its locks are released");
  }

  async function connect(): Promise<pg.Client> {
    if (closed) throw new Error("inbox session closed");
    if (client) return client;
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: databaseUrl, application_name: "minsheng-inbox" });
      c.on("error", (err) => lost(c, err));
      c.on("end", () => lost(c));
      c.on("notification", (n) => listeners[n.channel]?.(n.payload ?? ""));
      try {
        await c.connect();
        for (const channel of Object.keys(listeners)) await c.query(`LISTEN "${channel.replace(/"/g, "")}"`);
      } catch (err) {
        c.end().catch(() => undefined);
        throw err;
      }
      if (closed) {
        await c.end().catch(() => undefined);
        throw new Error("inbox session closed");
      }
      client = c;
      return c;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  // One query at a time on the connection (pg deprecates overlapping ones); each takes well under 1 ms.
  let queue: Promise<unknown> = Promise.resolve();
  function query<R extends pg.QueryResultRow>(c: pg.Client, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    const run = queue.then(() => c.query<R>(text, values));
    queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Lock and unlock requests go to Postgres in batches: while one batch is on the wire, the
   * requests made meanwhile wait and go together in one statement, in the order they were made (so
   * a chat's unlock and another runner's lock of it keep their order). With hundreds of chats
   * handled at once, a lock or an unlock costs a fraction of a round trip.
   */
  type Op = { unlock: boolean; key: string; done: (ok: boolean) => void; fail: (err: unknown) => void };
  let ops: Op[] = [];
  let sending = false;
  async function send(): Promise<void> {
    sending = true;
    while (ops.length) {
      // Awaited before the batch is cut: requests made in the same tick join it.
      const c = await connect().catch((err: unknown) => err as Error);
      const batch = ops;
      ops = [];
      try {
        if (c instanceof Error) throw c;
        const { rows } = await query<{ ok: boolean }>(
          c,
          `SELECT CASE WHEN o.unlock THEN pg_advisory_unlock(hashtextextended(o.key, 0)) ELSE pg_try_advisory_lock(hashtextextended(o.key, 0)) END AS ok
           FROM unnest($1::boolean[], $2::text[]) WITH ORDINALITY AS o(unlock, key, ord) ORDER BY o.ord`,
          [batch.map((o) => o.unlock), batch.map((o) => o.key)],
        );
        batch.forEach((o, i) => o.done(rows[i]?.ok === true));
      } catch (err) {
        for (const o of batch) o.fail(err);
      }
    }
    sending = false;
  }
  function request(unlock: boolean, key: string): Promise<boolean> {
    return new Promise((done, fail) => {
      ops.push({ unlock, key, done, fail });
      if (!sending) void send();
    });
  }

  /** Takes the lock named `key` if no other session holds it. */
  async function tryLock(key: string): Promise<Lease | null> {
    await connect();
    const gen = generation;
    const ok = await request(false, key);
    if (ok && gen !== generation) {
      // Taken in the session that replaced a lost one, after we asked: not ours to keep.
      await request(true, key).catch(() => undefined);
      return null;
    }
    return ok ? { key, generation: gen } : null;
  }

  /** True while the lease's session is the one still open. */
  const holds = (lease: Lease) => !closed && client !== undefined && lease.generation === generation;

  async function unlock(lease: Lease): Promise<void> {
    if (!holds(lease)) return;
    await request(true, lease.key);
  }

  /** Ends the session, which releases every lock it holds. */
  async function close(): Promise<void> {
    closed = true;
    const c = client ?? (await connecting?.catch(() => undefined));
    client = undefined;
    generation++;
    await c?.end().catch(() => undefined);
  }

  /** Drops the connection without a goodbye, as a killed process does (for fault tests). */
  function kill(): void {
    closed = true;
    const c = client;
    client = undefined;
    generation++;
    (c as unknown as { connection?: { stream?: { destroy(): void } } })?.connection?.stream?.destroy();
  }

  return { connect, tryLock, holds, unlock, close, kill };
}

export type DbSession = ReturnType<typeof createDbSession>;
