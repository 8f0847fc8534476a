/**
 * Who a notice goes to: a bot's chat, or for a citizen with no Telegram account (filed on the web
 * form or through Open311) the case's status page. A "status_page" recipient is never sent to
 * Telegram: delivery records it as undeliverable by chat ("no_chat") and keeps the text for the
 * status page (CitizenNotice). Its `chatId` is the citizen's id, so each message is still one
 * delivery row and a retried job records it once.
 */
export type Recipient = { bot: "citizen" | "staff" | "status_page"; chatId: bigint; locale: string };

/** The bots that really send: what Telegram is called for. */
export type ChatBot = "citizen" | "staff";

export function citizenRecipient(c: { id: number; telegramId: bigint | null; locale: string }): Recipient {
  return c.telegramId === null
    ? { bot: "status_page", chatId: BigInt(c.id), locale: c.locale }
    : { bot: "citizen", chatId: c.telegramId, locale: c.locale };
}
