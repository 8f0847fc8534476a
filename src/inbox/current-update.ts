import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The inbox row whose update is being handled, for code deep in the bot (the conversation storage)
 * that must write its effect and mark the update handled in one transaction.
 */
export const currentInboxUpdate = new AsyncLocalStorage<{ rowId: bigint }>();
