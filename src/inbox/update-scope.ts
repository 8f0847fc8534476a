import { AsyncLocalStorage } from "node:async_hooks";
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

export const updateScope = new AsyncLocalStorage<UpdateScope>();

/** `prefetched`: what the inbox read with the update (its form state, its citizen), so handling need not read it again. */
export function newUpdateScope(prefetched?: Prefetched): UpdateScope {
  return { writes: new Map(), prefetched };
}
