import { GrammyError, InputFile } from "grammy";
import type { Message } from "grammy/types";
import type { Prisma, Tx } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { TelegramApis } from "../telegram/api.js";
import type { MediaFile } from "../generated/prisma/client.js";
import { acceptedType, stripImageMetadata } from "./media-types.js";

export type Bot = "citizen" | "staff";

/** A photo or document as a bot received it in a message. */
export type IncomingFile = {
  kind: "photo" | "document";
  fileId: string;
  uniqueId: string;
  fileName?: string;
  mimeType?: string;
  /** What Telegram said the size is; checked before anything is downloaded. */
  size?: number;
  /** The citizen chose to share where the photo was taken: its location metadata is kept. */
  keepLocation?: boolean;
};

export type Received =
  | { ok: true; id: number; kind: "photo" | "document"; name: string }
  | { ok: false; reason: "too_large"; size: number }
  | { ok: false; reason: "unsupported" };

/** Files kept files with a case (and the relayed message they came with), inside the case's own transaction. */
export async function attachMedia(tx: Tx, ids: number[] | undefined, caseId: number, caseMessageId: number | null = null): Promise<void> {
  if (!ids?.length) return;
  await tx.mediaFile.updateMany({ where: { id: { in: ids }, caseId: null }, data: { caseId, caseMessageId } });
}

const DOWNLOAD_TIMEOUT_MS = 30_000;
/** Telegram's media groups hold at most 10 items. */
const ALBUM_MAX = 10;

/**
 * Photos and documents of cases. Telegram file ids belong to one bot (Bot API, "Sending files"),
 * so a file is fetched once through the bot that received it and kept in Postgres (MediaFile.data,
 * metadata already removed from images); the other bot uploads the bytes the first time it sends
 * the file and its own file id is cached on the row for every later send.
 */
export function createMediaService(deps: { prisma: Prisma; telegram: TelegramApis; logger: Logger; apiRoot: string; tokens: Record<Bot, string>; maxBytes: number }) {
  const { prisma, telegram, logger, maxBytes } = deps;

  async function download(bot: Bot, fileId: string): Promise<Buffer | "too_large"> {
    let path: string | undefined;
    try {
      path = (await telegram[bot].getFile(fileId)).file_path;
    } catch (err) {
      // Bots may download at most 20 MB (getFile): a bigger file is refused, not retried.
      if (err instanceof GrammyError && /too big/i.test(err.description)) return "too_large";
      throw err;
    }
    if (!path) throw new Error(`getFile gave no file_path for a ${bot} bot file`);
    const res = await fetch(`${deps.apiRoot}/file/bot${deps.tokens[bot]}/${path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`file download answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /**
   * Fetches a file a person sent through the bot that received it and keeps it, not yet part of a
   * case (`attach` files it). Too large or of a type cases do not take: refused before download.
   */
  async function receive(bot: Bot, senderId: number, f: IncomingFile): Promise<Received> {
    if (f.size !== undefined && f.size > maxBytes) return { ok: false, reason: "too_large", size: f.size };
    const type = acceptedType(f.kind, f.fileName, f.mimeType);
    if (!type) return { ok: false, reason: "unsupported" };
    const bytes = await download(bot, f.fileId);
    if (bytes === "too_large") return { ok: false, reason: "too_large", size: f.size ?? maxBytes + 1 };
    if (bytes.length > maxBytes) return { ok: false, reason: "too_large", size: bytes.length };
    let data = bytes;
    let stripped = false;
    if (type.image && !f.keepLocation) {
      const clean = await stripImageMetadata(bytes, type.mimeType);
      if (!clean) return { ok: false, reason: "unsupported" };
      data = clean;
      stripped = true;
    }
    const name = f.fileName ?? (f.kind === "photo" ? `photo-${f.uniqueId.slice(-6)}.jpg` : `file-${f.uniqueId.slice(-6)}`);
    const row = await prisma.mediaFile.create({
      data: {
        kind: f.kind,
        source: bot,
        senderId,
        fileName: name,
        mimeType: type.mimeType,
        size: data.length,
        data: new Uint8Array(data),
        metadataStripped: stripped,
        sourceUniqueId: f.uniqueId,
        // The bytes kept differ from the original once stripped, so the receiving bot's id is only reused when they do not.
        ...(stripped ? {} : bot === "citizen" ? { citizenFileId: f.fileId } : { staffFileId: f.fileId }),
      },
      select: { id: true },
    });
    logger.debug({ mediaId: row.id, bot, kind: f.kind, size: data.length, stripped }, "media received");
    return { ok: true, id: row.id, kind: f.kind, name };
  }

  /** The ids of a case's files: those of its form (no message) or of one relayed message, photos and documents apart. */
  async function listOf(caseId: number, caseMessageId: number | null): Promise<{ photos: number[]; documents: number[] }> {
    const rows = await prisma.mediaFile.findMany({ where: { caseId, caseMessageId }, select: { id: true, kind: true }, orderBy: { id: "asc" } });
    return { photos: rows.filter((r) => r.kind === "photo").map((r) => r.id), documents: rows.filter((r) => r.kind !== "photo").map((r) => r.id) };
  }

  const cachedId = (bot: Bot, r: Pick<MediaFile, "citizenFileId" | "staffFileId">) => (bot === "citizen" ? r.citizenFileId : r.staffFileId);

  async function sendOnce(bot: Bot, chatId: number, rows: MediaFile[], caption: string | undefined, reuse: boolean): Promise<Message[]> {
    const api = telegram[bot];
    const input = (r: MediaFile) => (reuse && cachedId(bot, r)) || new InputFile(r.data, r.fileName ?? `file-${r.id}`);
    if (rows.length === 1) {
      const [r] = rows;
      return [r.kind === "photo" ? await api.sendPhoto(chatId, input(r), { caption }) : await api.sendDocument(chatId, input(r), { caption })];
    }
    // An album holds photos or documents, never both (Telegram refuses the mix).
    const type = rows[0].kind === "photo" ? "photo" : "document";
    const media = rows.map((r, i) => ({ type, media: input(r), ...(i === 0 && caption ? { caption } : {}) })) as Parameters<typeof api.sendMediaGroup>[1];
    return api.sendMediaGroup(chatId, media);
  }

  /**
   * Sends files (all photos, or all documents; at most 10) to a chat through `bot`, as one message
   * or one album, the caption on the first. Uses the bot's cached file ids; uploads the bytes
   * otherwise (or when Telegram no longer knows a cached id) and caches what Telegram gives back.
   */
  async function send(bot: Bot, chatId: number, ids: number[], caption?: string): Promise<Message> {
    const rows = await prisma.mediaFile.findMany({ where: { id: { in: ids.slice(0, ALBUM_MAX) } }, orderBy: { id: "asc" } });
    if (rows.length === 0) throw new Error(`media ${ids.join(",")} missing`);
    let sent: Message[];
    try {
      sent = await sendOnce(bot, chatId, rows, caption, true);
    } catch (err) {
      const stale = err instanceof GrammyError && err.error_code === 400 && /file identifier|file_id|type of file/i.test(err.description);
      if (!stale || !rows.some((r) => cachedId(bot, r))) throw err;
      logger.warn({ bot, ids }, "a cached file id was refused; uploading the file again");
      sent = await sendOnce(bot, chatId, rows, caption, false);
    }
    for (const [i, m] of sent.entries()) {
      const r = rows[i];
      const fileId = "photo" in m && m.photo ? m.photo.at(-1)?.file_id : "document" in m && m.document ? m.document.file_id : undefined;
      if (r && fileId && cachedId(bot, r) !== fileId) {
        await prisma.mediaFile.update({ where: { id: r.id }, data: bot === "citizen" ? { citizenFileId: fileId } : { staffFileId: fileId } });
      }
    }
    return sent[0];
  }

  return { receive, listOf, send, maxBytes };
}

export type MediaService = ReturnType<typeof createMediaService>;
