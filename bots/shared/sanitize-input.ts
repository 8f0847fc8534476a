import type { Context, NextFunction } from "grammy";
import type { Message, Update } from "grammy/types";
import { sanitizeText, sanitizeWithEntities } from "../../src/text/sanitize.js";

function sanitizeMessage(m: Message | undefined): void {
  if (!m) return;
  if (m.text !== undefined) {
    const r = sanitizeWithEntities(m.text, m.entities);
    m.text = r.text;
    if (m.entities) m.entities = r.entities;
  }
  if (m.caption !== undefined) {
    const r = sanitizeWithEntities(m.caption, m.caption_entities);
    m.caption = r.text;
    if (m.caption_entities) m.caption_entities = r.entities;
  }
}

/** Cleans, in place, every text a person sent in an update: message texts and captions, and button data. */
export function sanitizeUpdate(u: Update): void {
  sanitizeMessage(u.message);
  sanitizeMessage(u.edited_message);
  if (u.callback_query?.data !== undefined) u.callback_query.data = sanitizeText(u.callback_query.data);
}

/** First middleware of both bots: nothing after it ever reads NUL, other controls or a lone surrogate. */
export function sanitizeInput(ctx: Context, next: NextFunction): Promise<void> {
  sanitizeUpdate(ctx.update);
  return next();
}
