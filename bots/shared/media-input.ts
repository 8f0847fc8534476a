import type { Message } from "grammy/types";
import type { Conversation } from "@grammyjs/conversations";
import type { IncomingFile, Received } from "../../src/media/media-service.js";
import type { Core } from "../../src/core.js";

/** The photo (its largest size) or document of a message, as the media service takes it; null for anything else. */
export function incomingFile(m: Message | undefined, keepLocation = false): IncomingFile | null {
  const largest = m?.photo?.at(-1);
  if (largest) return { kind: "photo", fileId: largest.file_id, uniqueId: largest.file_unique_id, size: largest.file_size, keepLocation };
  const d = m?.document;
  if (d) return { kind: "document", fileId: d.file_id, uniqueId: d.file_unique_id, fileName: d.file_name, mimeType: d.mime_type, size: d.file_size, keepLocation };
  return null;
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "");

/** Why a file was not taken, in the sender's language: too large (with both sizes) or of a type cases do not take. */
export function mediaRefusalText(t: (key: string, vars?: Record<string, string | number>) => string, r: Extract<Received, { ok: false }>, maxBytes: number): string {
  return r.reason === "too_large" ? t("media-too-large", { size: mb(r.size), max: mb(maxBytes) }) : t("media-unsupported");
}


/**
 * A form's file, taken inside a conversation: fetched and kept once through the media service (in
 * `external`, so a replay never fetches it again), or, when too large or of another type, answered
 * with why. Null when the file was refused; the kept file and its Telegram id otherwise.
 */
export async function receiveInForm(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  conversation: Conversation<any, any>,
  u: { reply: (text: string) => Promise<unknown> },
  t: (key: string, vars?: Record<string, string | number>) => string,
  core: Pick<Core, "media">,
  from: { bot: "citizen" | "staff"; id: number },
  file: IncomingFile,
): Promise<(Extract<Received, { ok: true }> & { fileId: string }) | null> {
  const r = await conversation.external(() => core.media.receive(from.bot, from.id, file));
  if (!r.ok) {
    await u.reply(mediaRefusalText(t, r, core.media.maxBytes));
    return null;
  }
  return { ...r, fileId: file.fileId };
}
