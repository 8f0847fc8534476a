import pg from "pg";
import type { Queryable } from "./sql.js";

/**
 * Calls made while a batch is running wait and go together in the next one: under load many
 * callers share one round trip, and an idle caller waits for nobody. `run` answers each item in
 * the order given; an error fails every call of its batch.
 */
export function batched<I, O>(run: (items: I[]) => Promise<O[]>): (item: I) => Promise<O> {
  let pending: { item: I; resolve: (o: O) => void; reject: (err: unknown) => void }[] = [];
  let busy = false;
  async function pump(): Promise<void> {
    busy = true;
    // One tick first: calls made in the same tick join the first batch too.
    await Promise.resolve();
    while (pending.length) {
      const batch = pending;
      pending = [];
      try {
        const out = await run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(out[i]));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    busy = false;
  }
  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!busy) void pump();
    });
}

const perPool = new WeakMap<object, Map<unknown, (item: never) => Promise<unknown>>>();

/**
 * `batched(run)` for each pool (made on first use, kept as long as the pool lives): concurrent
 * callers on one pool share its batches, callers on another pool (a test's own) never join them.
 * `run` names the batch kind, so one pool can have several.
 */
function batchedPerPool<P extends object, I, O>(pool: P, run: (pool: P, items: I[]) => Promise<O[]>): (item: I) => Promise<O> {
  let kinds = perPool.get(pool);
  if (!kinds) perPool.set(pool, (kinds = new Map()));
  let call = kinds.get(run) as ((item: I) => Promise<O>) | undefined;
  if (!call) {
    call = batched((items: I[]) => run(pool, items));
    kinds.set(run, call as (item: never) => Promise<unknown>);
  }
  return call;
}

/**
 * `run` for one item on `db`: in the pool's batches (`batchedPerPool`) when `db` is a pool, alone
 * when it is a client — inside a transaction a read is the caller's own (it must see the
 * transaction's writes and must not wait for other callers).
 */
export function batchedOnPool<I, O>(db: Queryable, run: (db: Queryable, items: I[]) => Promise<O[]>, item: I): Promise<O> {
  return db instanceof pg.Pool ? batchedPerPool(db, run)(item) : run(db, [item]).then((out) => out[0]);
}
