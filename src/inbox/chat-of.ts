import { Context, type Api } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";

/**
 * The chat whose updates must be handled in order: the chat, else the sender, else 0. grammY's
 * Context knows where each kind of update keeps them (and the conversations plugin keys by chat).
 */
export function chatOf(update: Update): number {
  const ctx = new Context(update, undefined as unknown as Api, undefined as unknown as UserFromGetMe);
  return ctx.chatId ?? ctx.from?.id ?? 0;
}

/** The shape Telegram promises for every update; anything else is not an update. */
export function isUpdate(value: unknown): value is Update {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Number.isSafeInteger((value as { update_id?: unknown }).update_id) &&
    (value as { update_id: number }).update_id >= 0
  );
}
