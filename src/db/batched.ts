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
