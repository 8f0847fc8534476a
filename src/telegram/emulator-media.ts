import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { Message } from "grammy/types";
import type { EmulatorServer } from "./emulator.js";
import { BotApiRefusal, createEmulatorFiles, TELEGRAM_LIMITS, type EmulatorFiles } from "./emulator-files.js";

type Params = Record<string, unknown>;
type Upload = { bytes: Buffer; fileName: string };
type Incoming = { params: Params; uploads: Map<string, Upload> };

const BOT_METHOD = /^\/bot([^/]+)\/(sendPhoto|sendDocument|sendMediaGroup|getFile)\/?(?:\?.*)?$/i;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;
/** The test client's door: a person sends a photo or a document to a bot (not a Bot API method). */
const CLIENT_MEDIA = "/client/sendMedia";
const BODY_MAX = TELEGRAM_LIMITS.uploadBytes + 1024 * 1024;

/** The private fields of telegram-test-api's server this layer needs (it is an Express app). */
type ServerInternals = {
  webServer: RequestListener;
  addBotMessage(message: Params, token: string): Message & Params;
  addUserMessage(message: Params): Promise<void>;
};

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
const refuse = (res: ServerResponse, r: BotApiRefusal) => reply(res, r.status, { ok: false, error_code: r.status, description: r.description });

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > BODY_MAX) throw new BotApiRefusal(413, "Request Entity Too Large");
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * A Bot API call's parameters as Telegram reads them: query string, JSON, urlencoded or
 * multipart/form-data (InputFile parts, named by the `attach://<name>` a field points to).
 */
async function readCall(req: IncomingMessage): Promise<Incoming> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const params: Params = Object.fromEntries(url.searchParams);
  const uploads = new Map<string, Upload>();
  const type = req.headers["content-type"] ?? "";
  const body = await readBody(req);
  if (body.length === 0) return { params, uploads };
  if (type.startsWith("multipart/form-data")) {
    for (const part of multipartParts(body, type)) {
      if (part.fileName === undefined) params[part.name] = part.data.toString("utf8");
      else uploads.set(part.name, { bytes: part.data, fileName: part.fileName });
    }
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else {
    try {
      Object.assign(params, JSON.parse(body.toString("utf8")));
    } catch {
      throw new BotApiRefusal(400, "Bad Request: can't parse JSON");
    }
  }
  return { params, uploads };
}

/**
 * The parts of a multipart/form-data body. Written here because grammY sends part headers as
 * `content-disposition:form-data;name="x";filename=答复.pdf` (no space, filename unquoted and in
 * UTF-8), which Telegram accepts and undici's FormData parser refuses.
 */
function multipartParts(body: Buffer, type: string): { name: string; fileName?: string; data: Buffer }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!boundary) throw new BotApiRefusal(400, "Bad Request: can't parse multipart/form-data");
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { name: string; fileName?: string; data: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const chunk = body.subarray(start + 2, next - 2); // after the CRLF, before the CRLF that ends it
    const split = chunk.indexOf("\r\n\r\n");
    const head = chunk.subarray(0, split).toString("utf8");
    const disposition = /content-disposition:\s*form-data\s*;(.*)/i.exec(head)?.[1] ?? "";
    const param = (key: string) => new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;\\r\\n]*))`, "i").exec(disposition);
    const name = param("name");
    const fileName = param("filename");
    if (name) parts.push({ name: name[1] ?? name[2], fileName: fileName ? (fileName[1] ?? fileName[2]).trim() : undefined, data: chunk.subarray(split + 4) });
    at = next;
  }
  return parts;
}

/** Fields sent as form data arrive as JSON text (reply_markup, media). */
function structured(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function caption(p: Params): string | undefined {
  if (p.caption === undefined || p.caption === null || p.caption === "") return undefined;
  const text = String(p.caption);
  // Documented as 0-1024 characters after entities parsing.
  if (text.length > TELEGRAM_LIMITS.captionLength) throw new BotApiRefusal(400, "Bad Request: message caption is too long");
  return text;
}

/**
 * Adds what the product sends and receives beyond telegram-test-api's text methods: sendPhoto,
 * sendDocument, sendMediaGroup, getFile and the file download at /file/bot<token>/<file_path>,
 * with multipart uploads, file_id reuse and Telegram's refusals; and a client route through which a
 * simulated person sends a photo or a document. Requests it does not know go on to the emulator.
 */
export function installEmulatorMedia(server: EmulatorServer): EmulatorFiles {
  const internals = server as unknown as ServerInternals;
  const inner = internals.webServer;
  const files = createEmulatorFiles();

  /** One InputFile field: a file_id this bot owns, or an uploaded part (attach://name, or the field itself). */
  async function input(token: string, kind: "photo" | "document", value: unknown, uploads: Map<string, Upload>, field: string, item?: number) {
    const attached = typeof value === "string" && value.startsWith("attach://") ? uploads.get(value.slice(9)) : uploads.get(field);
    if (attached) {
      if (kind === "photo") return { photo: await files.photo(token, attached.bytes) };
      return { document: files.document(token, attached.bytes, attached.fileName) };
    }
    if (typeof value === "string" && value.startsWith("attach://")) throw new BotApiRefusal(400, "Bad Request: can't parse InputMedia: media not found");
    if (typeof value !== "string" || value === "") throw new BotApiRefusal(400, `Bad Request: there is no ${kind} in the request`);
    if (/^https?:\/\//.test(value)) throw new BotApiRefusal(400, "Bad Request: wrong file identifier/HTTP URL specified");
    const f = files.resolve(token, value, kind, item);
    if (kind === "photo") return { photo: [{ file_id: value, file_unique_id: f.uniqueId, width: f.width ?? 0, height: f.height ?? 0, file_size: f.bytes.length }] };
    return { document: files.describe(token, f) };
  }

  function post(token: string, p: Params, content: Params): Message {
    if (p.chat_id === undefined || p.chat_id === "") throw new BotApiRefusal(400, "Bad Request: chat_id is empty");
    const markup = structured(p.reply_markup);
    return internals.addBotMessage({ chat_id: p.chat_id, ...content, ...(markup ? { reply_markup: markup } : {}) }, token);
  }

  async function call(token: string, method: string, { params: p, uploads }: Incoming): Promise<unknown> {
    switch (method.toLowerCase()) {
      case "sendphoto":
        return post(token, p, { ...(await input(token, "photo", p.photo, uploads, "photo")), caption: caption(p) });
      case "senddocument":
        return post(token, p, { ...(await input(token, "document", p.document, uploads, "document")), caption: caption(p) });
      case "getfile":
        return files.getFile(token, String(p.file_id ?? ""));
      case "sendmediagroup":
        return album(token, p, uploads);
    }
    throw new BotApiRefusal(404, "Not Found");
  }

  /**
   * sendMediaGroup: 2–10 photos, or 2–10 documents (documents cannot be mixed with other media);
   * one item is sent as an ordinary message outside an album, as the Bot API server does. Every item
   * is checked before anything is sent, so a refused album sends nothing.
   */
  async function album(token: string, p: Params, uploads: Map<string, Upload>): Promise<Message[]> {
    const media = structured(p.media);
    if (media === undefined) throw new BotApiRefusal(400, 'Bad Request: parameter "media" is required');
    if (!Array.isArray(media)) throw new BotApiRefusal(400, "Bad Request: can't parse media JSON object");
    if (media.length === 0) throw new BotApiRefusal(400, "Bad Request: there are no messages to send");
    if (media.length > TELEGRAM_LIMITS.albumMax) throw new BotApiRefusal(400, "Bad Request: too many messages to send as an album");
    const items = media as { type?: string; media?: unknown; caption?: string }[];
    for (const it of items) {
      if (it.type !== "photo" && it.type !== "document") throw new BotApiRefusal(400, `Bad Request: can't parse InputMedia: type "${it.type}" is unsupported here`);
    }
    if (items.some((i) => i.type === "document") && items.some((i) => i.type !== "document")) {
      throw new BotApiRefusal(400, "Bad Request: document can't be mixed with other media types");
    }
    const contents: Params[] = [];
    for (const [i, it] of items.entries()) {
      const kind = it.type as "photo" | "document";
      contents.push({ ...(await input(token, kind, it.media, uploads, "", i + 1)), caption: caption(it) });
    }
    const group = items.length > 1 ? { media_group_id: String(BigInt(`0x${randomBytes(7).toString("hex")}`)) } : {};
    return contents.map((c) => post(token, { chat_id: p.chat_id }, { ...c, ...group }));
  }

  /** A person sends a photo or a document (base64) to a bot: the bot gets its own file id for it. */
  async function clientMedia(body: Params): Promise<unknown> {
    const token = String(body.botToken ?? "");
    const bytes = Buffer.from(String(body.data ?? ""), "base64");
    const content =
      body.kind === "photo"
        ? { photo: await files.photo(token, bytes) }
        : { document: files.document(token, bytes, String(body.fileName ?? "file")) };
    const { data: _data, kind: _kind, fileName: _name, ...rest } = body;
    await internals.addUserMessage({ ...rest, date: Math.floor(Date.now() / 1000), ...content, ...(body.caption ? { caption: body.caption } : {}) });
    return content;
  }

  const outer: RequestListener = (req, res) => {
    const url = req.url ?? "/";
    const bot = BOT_METHOD.exec(url);
    const file = req.method === "GET" ? FILE_PATH.exec(url.split("?")[0]) : null;
    if (!bot && !file && url !== CLIENT_MEDIA) return inner(req, res);
    void (async () => {
      try {
        if (file) {
          const f = files.download(file[1], decodeURIComponent(file[2]));
          if (!f) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
          res.writeHead(200, { "content-type": f.mimeType ?? "application/octet-stream", "content-length": f.bytes.length });
          return res.end(f.bytes);
        }
        const incoming = await readCall(req);
        if (bot) return reply(res, 200, { ok: true, result: await call(bot[1], bot[2], incoming) });
        return reply(res, 200, { ok: true, result: await clientMedia(incoming.params) });
      } catch (err) {
        if (err instanceof BotApiRefusal) return refuse(res, err);
        reply(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` });
      }
    })();
  };
  // start() serves `webServer` and logs its Express settings: the wrapper carries them along.
  internals.webServer = Object.assign(outer, { settings: (inner as unknown as { settings: unknown }).settings });
  return files;
}
