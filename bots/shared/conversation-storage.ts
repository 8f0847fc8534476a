import type { VersionedStateStorage } from "@grammyjs/conversations";
import type { Prisma } from "../../src/db/prisma.js";

/**
 * Conversation state in Postgres (BotState), so an intake in progress survives a restart or a
 * move to another machine. Keys are namespaced by bot.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createConversationStorage(prisma: Prisma, namespace: string): VersionedStateStorage<string, any> {
  const k = (key: string) => `${namespace}:conv:${key}`;
  return {
    async read(key) {
      const row = await prisma.botState.findUnique({ where: { key: k(key) } });
      return (row?.value as never) ?? undefined;
    },
    async write(key, value) {
      const json = JSON.parse(JSON.stringify(value));
      await prisma.botState.upsert({ where: { key: k(key) }, create: { key: k(key), value: json }, update: { value: json } });
    },
    async delete(key) {
      await prisma.botState.deleteMany({ where: { key: k(key) } });
    },
  };
}
