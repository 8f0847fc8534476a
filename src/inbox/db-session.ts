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

  /** Takes the lock named `key` if no other session holds it. */
  async function tryLock(key: string): Promise<Lease | null> {
    const c = await connect();
    const gen = generation;
    const { rows } = await query<{ ok: boolean }>(c, "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [key]);
    return rows[0]?.ok && gen === generation ? { key, generation: gen } : null;
  }

  /** True while the lease's session is the one still open. */
  const holds = (lease: Lease) => !closed && client !== undefined && lease.generation === generation;

  async function unlock(lease: Lease): Promise<void> {
    if (!holds(lease)) return;
    await query(client!, "SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lease.key]);
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
