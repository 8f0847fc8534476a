/**
 * A person in the emulator: sends messages, commands, photos and button presses to a bot and reads
 * what the bot sent to their chat. Used by the end-to-end tests and by `npm run chat`.
 */
import sharp from "sharp";
import type { Document, PhotoSize } from "grammy/types";

export type Button = { text: string; data: string };
/** A photo or document a bot sent: its largest size's (or the document's) file id, name and size. */
export type BotMedia = { kind: "photo" | "document"; fileId: string; uniqueId: string; fileName?: string; mimeType?: string; size: number };
/** `text` is the message's text, or a media message's caption. */
export type BotMessage = { messageId: number; text: string; buttons: Button[][]; media?: BotMedia; mediaGroupId?: string };

type StoredBotUpdate = {
  messageId: number;
  message: {
    text?: string;
    caption?: string;
    photo?: PhotoSize[];
    document?: Document;
    media_group_id?: string;
    reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
  };
};

function mediaOf(m: StoredBotUpdate["message"]): BotMedia | undefined {
  const largest = m.photo?.at(-1);
  if (largest) return { kind: "photo", fileId: largest.file_id, uniqueId: largest.file_unique_id, size: largest.file_size ?? 0 };
  const d = m.document;
  if (d) return { kind: "document", fileId: d.file_id, uniqueId: d.file_unique_id, fileName: d.file_name, mimeType: d.mime_type, size: d.file_size ?? 0 };
  return undefined;
}

/** A small JPEG for a test or the terminal client, labelled by its colour. */
export async function sampleJpeg(seed = "photo", size = { width: 64, height: 48 }): Promise<Buffer> {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const background = { r: h & 255, g: (h >> 8) & 255, b: (h >> 16) & 255 };
  return sharp({ create: { ...size, channels: 3, background } }).jpeg().toBuffer();
}

function toBotMessage(u: StoredBotUpdate): BotMessage {
  return {
    messageId: u.messageId,
    text: u.message.text ?? u.message.caption ?? "",
    media: mediaOf(u.message),
    mediaGroupId: u.message.media_group_id,
    buttons: (u.message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data ?? "" }))),
  };
}

export class EmulatorUser {
  readonly received: BotMessage[] = [];
  private cursor = 0;

  constructor(
    private readonly apiRoot: string,
    private readonly botToken: string,
    readonly userId: number,
    readonly firstName = `User${userId}`,
  ) {}

  private get person() {
    return {
      from: { id: this.userId, first_name: this.firstName, username: `u${this.userId}`, is_bot: false, language_code: "zh-hans" },
      chat: { id: this.userId, first_name: this.firstName, username: `u${this.userId}`, type: "private" as const },
    };
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.apiRoot}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${path} answered ${res.status}`);
    return res.json();
  }

  /** Sends text; a leading /command is sent as a command (with its bot_command entity). */
  async send(text: string): Promise<void> {
    const base = { ...this.person, botToken: this.botToken, date: Math.floor(Date.now() / 1000), text };
    if (text.startsWith("/")) {
      const length = text.split(/\s/)[0].length;
      await this.post("/sendCommand", { ...base, entities: [{ offset: 0, length, type: "bot_command" }] });
    } else {
      await this.post("/sendMessage", base);
    }
  }

  /**
   * Sends a photo (JPEG/PNG bytes, or a label for a generated one), as a Telegram app does: the bot
   * receives its own file id for it. Returns that id (the largest size's).
   */
  async sendPhoto(photo: Buffer | string, caption?: string): Promise<string> {
    const bytes = typeof photo === "string" ? await sampleJpeg(photo) : photo;
    const r = (await this.post("/client/sendMedia", { ...this.person, botToken: this.botToken, kind: "photo", data: bytes.toString("base64"), caption })) as {
      result: { photo: PhotoSize[] };
    };
    return r.result.photo.at(-1)!.file_id;
  }

  /** Sends a file as a document (kept byte for byte, as "send as file" does). Returns the bot's file id. */
  async sendDocument(bytes: Buffer, fileName: string, caption?: string): Promise<string> {
    const r = (await this.post("/client/sendMedia", {
      ...this.person,
      botToken: this.botToken,
      kind: "document",
      fileName,
      data: bytes.toString("base64"),
      caption,
    })) as { result: { document: Document } };
    return r.result.document.file_id;
  }

  /** The bytes of a file the bot sent to this chat (through getFile and the file download, as a client fetches it). */
  async download(media: BotMedia): Promise<Buffer> {
    const file = (await this.post(`/bot${this.botToken}/getFile`, { file_id: media.fileId })) as { result: { file_path: string } };
    const res = await fetch(`${this.apiRoot}/file/bot${this.botToken}/${file.result.file_path}`);
    if (!res.ok) throw new Error(`download of ${file.result.file_path} answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /**
   * Presses the button whose label or callback data matches on one of the bot's messages, as the
   * message shows now (the bot may have edited it since it arrived): waits up to `timeoutMs` for
   * such a button to be there. A stale screen is `pressData` with the old button's data.
   */
  async press(message: BotMessage, label: string | RegExp, timeoutMs = 10_000): Promise<Button> {
    const match = (b: Button) => (typeof label === "string" ? b.text === label || b.data === label : label.test(b.text));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const shown = (await this.current(message.messageId)) ?? message;
      const button = shown.buttons.flat().find(match);
      if (button) {
        await this.pressData(message.messageId, button.data);
        return button;
      }
      if (Date.now() > deadline) throw new Error(`no button ${label} on "${shown.text.slice(0, 60)}" (${JSON.stringify(shown.buttons)})`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** The bot's messages in this chat as they are now (edits applied, deleted ones gone), oldest first. */
  async chat(): Promise<BotMessage[]> {
    const res = (await this.post("/getUpdatesHistory", { token: this.botToken })) as { result?: (StoredBotUpdate & { message?: { chat_id?: unknown } })[] };
    return (res.result ?? [])
      .filter((u) => u.message && "chat_id" in u.message && String(u.message.chat_id) === String(this.userId))
      .sort((a, b) => a.messageId - b.messageId)
      .map((u) => toBotMessage(u));
  }

  /** One of the bot's messages in this chat as it is now; undefined once deleted (or never sent). */
  async current(messageId: number): Promise<BotMessage | undefined> {
    return (await this.chat()).find((m) => m.messageId === messageId);
  }

  /** Waits until the bot's message `messageId` reads `pattern` (it is edited in place) and returns it. */
  async expectEdit(messageId: number, pattern: RegExp, timeoutMs = 15_000): Promise<BotMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = await this.current(messageId);
      if (m && pattern.test(m.text)) return m;
      if (Date.now() > deadline) throw new Error(`user ${this.userId}: message ${messageId} never matched ${pattern}; it reads ${JSON.stringify(m?.text.slice(0, 200))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends callback data as if pressed on `messageId` (also how a forged button is simulated). */
  async pressData(messageId: number, data: string): Promise<void> {
    await this.post("/sendCallback", {
      botToken: this.botToken,
      date: Math.floor(Date.now() / 1000),
      from: this.person.from,
      message: { message_id: messageId, chat: this.person.chat, from: this.person.from },
      data,
    });
  }

  /** Fetches what the bot sent since the last call. */
  async poll(): Promise<BotMessage[]> {
    const res = (await this.post("/getUpdates", { token: this.botToken, chatId: this.userId })) as { result?: StoredBotUpdate[] };
    const fresh = (res.result ?? []).map(toBotMessage);
    this.received.push(...fresh);
    return fresh;
  }

  /** Waits for the next unread bot message matching `pattern`; earlier unmatched ones are skipped. */
  async expect(pattern: RegExp, timeoutMs = 15_000): Promise<BotMessage> {
    return (await this.expectEach([pattern], timeoutMs))[0];
  }

  /**
   * Waits for unread bot messages matching each pattern, one message each, in whatever order they
   * arrive (a button's answer from the bot and a notice from the workers about the same change race
   * each other, as they would on Telegram); returns them in the patterns' order, the cursor after the
   * last of them.
   */
  async expectEach(patterns: RegExp[], timeoutMs = 15_000): Promise<BotMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const taken = new Set<number>();
      const found = patterns.map((p) => {
        for (let i = this.cursor; i < this.received.length; i++) {
          if (!taken.has(i) && p.test(this.received[i].text)) {
            taken.add(i);
            return i;
          }
        }
        return -1;
      });
      if (!found.includes(-1)) {
        this.cursor = Math.max(...found) + 1;
        return found.map((i) => this.received[i]);
      }
      if (Date.now() > deadline) {
        const seen = this.received.slice(this.cursor).map((m) => m.text.slice(0, 80));
        const missing = patterns.filter((_, k) => found[k] === -1).join(", ");
        throw new Error(`user ${this.userId}: no bot message matching ${missing} within ${timeoutMs} ms; unread: ${JSON.stringify(seen)}`);
      }
      await this.poll();
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** Messages received after the cursor (not yet matched by expect). */
  async unread(settleMs = 300): Promise<BotMessage[]> {
    await new Promise((r) => setTimeout(r, settleMs));
    await this.poll();
    return this.received.slice(this.cursor);
  }
}
