import { randomBytes } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import type { Document, PhotoSize } from "grammy/types";

/**
 * The emulator's file store, kept as Telegram keeps files: each file has one `file_unique_id` for
 * every bot, but each bot gets its own opaque `file_id` and `file_path`, and may send again,
 * `getFile` or download only the ids it was given (Bot API, "Sending files": "file_id is unique
 * for each individual bot and can't be transferred from one bot to another").
 */
export type StoredFile = { uniqueId: string; bytes: Buffer; fileName?: string; mimeType?: string; width?: number; height?: number };
type Grant = { botId: string; uniqueId: string; kind: "photo" | "document"; filePath: string };

/** Telegram's documented limits (core.telegram.org/bots/api#sending-files, #getfile, #sendphoto). */
export const TELEGRAM_LIMITS = {
  photoUploadBytes: 10 * 1024 * 1024,
  uploadBytes: 50 * 1024 * 1024,
  downloadBytes: 20 * 1024 * 1024,
  /** sendPhoto: "width and height must not exceed 10000 in total; ratio at most 20". */
  photoDimensionSum: 10_000,
  photoRatio: 20,
  captionLength: 1024,
  albumMax: 10,
} as const;

/** A refusal the Bot API answers with `{ ok: false, error_code, description }`. */
export class BotApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const MIME_BY_EXT: Record<string, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  txt: "text/plain",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  zip: "application/zip",
};

/** Telegram names a document's type from its file name (an upload's part is application/octet-stream). */
export function mimeOf(fileName: string | undefined): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? "")?.[1]?.toLowerCase() ?? "";
  return MIME_BY_EXT[ext] ?? "application/octet-stream";
}

export const botIdOf = (token: string) => token.split(":")[0];
const token64 = (n: number) => randomBytes(n).toString("base64url");

export function createEmulatorFiles() {
  const files = new Map<string, StoredFile>();
  const grants = new Map<string, Grant>();
  const paths = new Map<string, string>();
  let counter = 0;

  function store(f: Omit<StoredFile, "uniqueId">): StoredFile {
    const file = { ...f, uniqueId: `AgAD${token64(9)}` };
    files.set(file.uniqueId, file);
    return file;
  }

  /** Gives `token`'s bot its own id (and path) for a file. */
  function grant(token: string, file: StoredFile, kind: "photo" | "document"): string {
    const botId = botIdOf(token);
    const existing = [...grants.entries()].find(([, g]) => g.botId === botId && g.uniqueId === file.uniqueId && g.kind === kind);
    if (existing) return existing[0];
    const fileId = `${kind === "photo" ? "AgAC" : "BQAC"}${token64(24)}`;
    const ext = /\.([a-z0-9]+)$/i.exec(file.fileName ?? "")?.[1] ?? (kind === "photo" ? "jpg" : "dat");
    const filePath = `${kind === "photo" ? "photos" : "documents"}/file_${counter++}.${ext.toLowerCase()}`;
    grants.set(fileId, { botId, uniqueId: file.uniqueId, kind, filePath });
    paths.set(`${botId}/${filePath}`, file.uniqueId);
    return fileId;
  }

  /** A file id `token`'s bot may use, or Telegram's refusal for a send. */
  function resolve(token: string, fileId: string, kind: "photo" | "document", item?: number): StoredFile {
    const g = grants.get(fileId);
    const wrong = (text: string) =>
      new BotApiRefusal(400, item === undefined ? `Bad Request: ${text}` : `Bad Request: failed to send message #${item} with the error message "${text[0].toUpperCase()}${text.slice(1)}"`);
    if (!g || g.botId !== botIdOf(token)) throw wrong("wrong file identifier/HTTP URL specified");
    if (g.kind !== kind) throw wrong("type of file mismatch");
    return files.get(g.uniqueId)!;
  }

  /**
   * A photo as Telegram stores one: decoded and re-encoded as JPEG (no metadata survives, as in
   * Telegram), in a thumbnail and the largest size up to 1280 px. Refusals as sendPhoto's.
   */
  async function photo(token: string, bytes: Buffer): Promise<PhotoSize[]> {
    if (bytes.length === 0) throw new BotApiRefusal(400, "Bad Request: file must be non-empty");
    if (bytes.length > TELEGRAM_LIMITS.photoUploadBytes) throw new BotApiRefusal(400, "Bad Request: PHOTO_SAVE_FILE_INVALID");
    let meta: Metadata;
    try {
      meta = await sharp(bytes).metadata();
    } catch {
      throw new BotApiRefusal(400, "Bad Request: IMAGE_PROCESS_FAILED");
    }
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    if (w === 0 || h === 0 || w + h > TELEGRAM_LIMITS.photoDimensionSum || Math.max(w, h) / Math.min(w, h) > TELEGRAM_LIMITS.photoRatio) {
      throw new BotApiRefusal(400, "Bad Request: PHOTO_INVALID_DIMENSIONS");
    }
    const sizes: PhotoSize[] = [];
    for (const box of [90, 1280]) {
      const { data, info } = await sharp(bytes).rotate().resize(box, box, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 87 }).toBuffer({ resolveWithObject: true });
      const f = store({ bytes: data, mimeType: "image/jpeg", width: info.width, height: info.height });
      sizes.push({ file_id: grant(token, f, "photo"), file_unique_id: f.uniqueId, width: info.width, height: info.height, file_size: data.length });
    }
    return sizes;
  }

  /** A document as uploaded (Telegram keeps the bytes as they are), its type from its name. */
  function document(token: string, bytes: Buffer, fileName: string): Document {
    if (bytes.length === 0) throw new BotApiRefusal(400, "Bad Request: file must be non-empty");
    if (bytes.length > TELEGRAM_LIMITS.uploadBytes) throw new BotApiRefusal(413, "Request Entity Too Large");
    const f = store({ bytes, fileName, mimeType: mimeOf(fileName) });
    return describe(token, f);
  }

  function describe(token: string, f: StoredFile): Document {
    return { file_id: grant(token, f, "document"), file_unique_id: f.uniqueId, file_name: f.fileName, mime_type: f.mimeType, file_size: f.bytes.length };
  }

  /** getFile: only the bot's own ids; files over 20 MB cannot be downloaded by bots. */
  function getFile(token: string, fileId: string) {
    const g = grants.get(fileId);
    if (!g || g.botId !== botIdOf(token)) throw new BotApiRefusal(400, "Bad Request: wrong file_id or the file is temporarily unavailable");
    const f = files.get(g.uniqueId)!;
    if (f.bytes.length > TELEGRAM_LIMITS.downloadBytes) throw new BotApiRefusal(400, "Bad Request: file is too big");
    return { file_id: fileId, file_unique_id: f.uniqueId, file_size: f.bytes.length, file_path: g.filePath };
  }

  /** The bytes behind /file/bot<token>/<file_path>, or undefined (404) for another bot's path. */
  function download(token: string, filePath: string): StoredFile | undefined {
    const uniqueId = paths.get(`${botIdOf(token)}/${filePath}`);
    return uniqueId ? files.get(uniqueId) : undefined;
  }

  return { photo, document, describe, resolve, getFile, download, grant, store };
}

export type EmulatorFiles = ReturnType<typeof createEmulatorFiles>;
