/** Polls `fn` until it returns something truthy; fails after `ms`. Tests wait on conditions, never on sleeps. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
