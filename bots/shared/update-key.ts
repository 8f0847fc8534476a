import { createHash } from "node:crypto";
import type { Update } from "grammy/types";

/**
 * A key that is the same for the same Telegram update delivered twice and different for any other
 * update, even after an emulator restart reuses update ids (the content, with its date, differs).
 */
export function updateKey(botId: number, update: Update): string {
  const digest = createHash("sha256").update(JSON.stringify(update)).digest("base64url").slice(0, 16);
  return `tg:${botId}:${update.update_id}:${digest}`;
}
