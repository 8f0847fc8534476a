import type { Prefetched } from "./update-inbox.js";

/**
 * A form-state write held back until the update that made it is known to have been handled: the
 * state as JSON text (taken when written, so later changes to the object do not leak in, and
 * serialised once: the statement that saves it sends this text), or null to delete it.
 */
export type HeldWrite = { key: string; json: string | null };

/**
 * The inbox update being handled, for code deep in a bot (the conversation storage) whose effect
 * must not outlive a failed attempt. A form step is saved only with the update marked handled, in one
 * transaction: if the process dies, or Postgres goes away, between the two, the update would be
 * handled again from the new state and its text taken for the next step's answer; and if handling
 * hit an outage midway (the conversations plugin then drops the form), nothing is saved at all and
 * the update is simply handled again once the dependency is back.
 */
export type UpdateScope = { writes: Map<string, HeldWrite>; prefetched?: Prefetched };

/**
 * The scope of each update in hand, by the update object itself: grammY gives the bot's middleware
 * that same object as `ctx.update`. Not an AsyncLocalStorage: on Node 20 one in use turns on a hook
 * for every promise the process makes, and that cost ~9% of the bots process's CPU in
 * bench:pipeline's citizen phase (promise init/before/after hooks and their propagation).
 */
const scopes = new WeakMap<object, UpdateScope>();

export const updateScope = {
  /** Runs `fn` (the bot handling `update`) with `scope` as the update's scope. */
  async run<T>(update: object, scope: UpdateScope, fn: () => Promise<T>): Promise<T> {
    scopes.set(update, scope);
    try {
      return await fn();
    } finally {
      scopes.delete(update);
    }
  },
  /** The scope of the update a context is handling (`ctx.update`), when the inbox handles it. */
  of: (update: object): UpdateScope | undefined => scopes.get(update),
};

/** `prefetched`: what the inbox read with the update (its form state, its citizen), so handling need not read it again. */
export function newUpdateScope(prefetched?: Prefetched): UpdateScope {
  return { writes: new Map(), prefetched };
}
