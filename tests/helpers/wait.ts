/** Polls `check` until it is true or `timeoutMs` passes (then fails with `what`). Tests wait on conditions, never on sleeps. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  await waitUntil(async () => (await check()) || null, timeoutMs, what);
}

/** Polls `fn` until it returns something truthy, and returns it; fails after `ms`. */
export async function waitUntil<T>(fn: () => Promise<T | null | undefined | false>, ms = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
