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

const perOwner = new WeakMap<object, Map<unknown, (item: never) => Promise<unknown>>>();

/**
 * `batched(run)` for each owner — a pool, a queue — (made on first use, kept as long as the owner
 * lives): concurrent callers on one owner share its batches, callers on another (a test's own pool)
 * never join them. `run` names the batch kind, so one owner can have several.
 */
export function batchedPer<P extends object, I, O>(owner: P, run: (owner: P, items: I[]) => Promise<O[]>): (item: I) => Promise<O> {
  let kinds = perOwner.get(owner);
  if (!kinds) perOwner.set(owner, (kinds = new Map()));
  let call = kinds.get(run) as ((item: I) => Promise<O>) | undefined;
  if (!call) {
    call = batched((items: I[]) => run(owner, items));
    kinds.set(run, call as (item: never) => Promise<unknown>);
  }
  return call;
}

/**
 * `run` for one item on `db`: in the pool's batches (`batchedPer`) when `db` is a pool, alone
 * when it is a client — inside a transaction a read is the caller's own (it must see the
 * transaction's writes and must not wait for other callers).
 */
export function batchedOnPool<I, O>(db: Queryable, run: (db: Queryable, items: I[]) => Promise<O[]>, item: I): Promise<O> {
  return db instanceof pg.Pool ? batchedPer(db, run)(item) : run(db, [item]).then((out) => out[0]);
}
