import type { VersionedStateStorage } from "@grammyjs/conversations";
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
export function createConversationStorage(prisma: Prisma, namespace: string, opts: { ttlDays: number }): VersionedStateStorage<string, any> {
  const k = (key: string) => conversationKey(namespace, key);
  return {
    async read(key) {
      const scope = updateScope.getStore();
      const held = scope?.writes.get(k(key));
      if (held) return (held.json === null ? undefined : JSON.parse(held.json)) as never;
      // The inbox read the chat's state with the update (update-inbox.ts `next`): no query of our own.
      const row = scope?.prefetched?.stateKey === k(key) ? scope.prefetched.state : await prisma.botState.findUnique({ where: { key: k(key) } });
      if (!row) return undefined;
      if (Date.now() - row.updatedAt.getTime() > opts.ttlDays * DAY_MS) {
        // Only the stale version goes: a write racing this read keeps its fresh state.
        await prisma.botState.deleteMany({ where: { key: row.key, updatedAt: row.updatedAt } });
        return undefined;
      }
      return row.value as never;
    },
    // Inside an inbox update the write is held and committed with the update (src/inbox/update-scope.ts).
    async write(key, value) {
      const json = JSON.stringify(value);
      const scope = updateScope.getStore();
      if (scope) scope.writes.set(k(key), { key: k(key), json });
      else {
        const copy = JSON.parse(json);
        await prisma.botState.upsert({ where: { key: k(key) }, create: { key: k(key), value: copy }, update: { value: copy } });
      }
    },
    async delete(key) {
      const scope = updateScope.getStore();
      if (scope) scope.writes.set(k(key), { key: k(key), json: null });
      else await prisma.botState.deleteMany({ where: { key: k(key) } });
    },
  };
}
