import type { ConversationStorage, VersionedStateStorage } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Prisma } from "../../src/db/prisma.js";
import { conversationKey, DAY_MS } from "../../src/privacy/privacy-service.js";
import { updateScope } from "../../src/inbox/update-scope.js";

/**
 * Conversation state in Postgres (BotState), so an intake in progress survives a restart or a
 * move to another machine. Keys are namespaced by bot.
 *
 * A form holds names, ID numbers and phones before anything is filed, so state untouched for
 * `ttlDays` counts as abandoned: it reads as absent (the citizen simply starts again) and the daily
 * retention job deletes it (PIPL art. 19: kept no longer than the purpose needs). Age is wall-clock
 * time, like the row's updatedAt that Prisma writes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createConversationStorage<C extends Context>(prisma: Prisma, namespace: string, opts: { ttlDays: number }): ConversationStorage<C, any> {
  // The chat's key, as the plugin's default storage key made it (`ctx.chatId` as text): states
  // saved before this storage took the context read the same.
  const k = (ctx: C) => conversationKey(namespace, String(ctx.chatId));
  // By context, not by key: the update being handled (ctx.update) finds its inbox scope.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const adapter: VersionedStateStorage<C, any> = {
    async read(ctx) {
      const key = k(ctx);
      const scope = updateScope.of(ctx.update);
      const held = scope?.writes.get(key);
      if (held) return (held.json === null ? undefined : JSON.parse(held.json)) as never;
      // The inbox read the chat's state with the update (update-inbox.ts `next`): no query of our own.
      const row = scope?.prefetched?.stateKey === key ? scope.prefetched.state : await prisma.botState.findUnique({ where: { key } });
      if (!row) return undefined;
      if (Date.now() - row.updatedAt.getTime() > opts.ttlDays * DAY_MS) {
        // Only the stale version goes: a write racing this read keeps its fresh state.
        await prisma.botState.deleteMany({ where: { key: row.key, updatedAt: row.updatedAt } });
        return undefined;
      }
      return row.value as never;
    },
    // Inside an inbox update the write is held and committed with the update (src/inbox/update-scope.ts).
    async write(ctx, value) {
      const json = JSON.stringify(value);
      const key = k(ctx);
      const scope = updateScope.of(ctx.update);
      if (scope) scope.writes.set(key, { key, json });
      else {
        const copy = JSON.parse(json);
        await prisma.botState.upsert({ where: { key }, create: { key, value: copy }, update: { value: copy } });
      }
    },
    async delete(ctx) {
      const key = k(ctx);
      const scope = updateScope.of(ctx.update);
      if (scope) scope.writes.set(key, { key, json: null });
      else await prisma.botState.deleteMany({ where: { key } });
    },
  };
  return { type: "context", adapter };
}
