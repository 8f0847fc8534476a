/**
 * A person in the emulator: sends messages, commands, photos and button presses to a bot and reads
 * what the bot sent to their chat. Used by the end-to-end tests and by `npm run chat`.
 */
export type Button = { text: string; data: string };
export type BotMessage = { messageId: number; text: string; buttons: Button[][] };

type StoredBotUpdate = {
  messageId: number;
  message: { text?: string; reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] } };
};

function toBotMessage(u: StoredBotUpdate): BotMessage {
  return {
    messageId: u.messageId,
    text: u.message.text ?? "",
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

  async sendPhoto(fileId: string): Promise<void> {
    await this.post("/sendMessage", {
      ...this.person,
      botToken: this.botToken,
      date: Math.floor(Date.now() / 1000),
      photo: [{ file_id: fileId, file_unique_id: fileId, width: 800, height: 600 }],
    });
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
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.cursor; i < this.received.length; i++) {
        if (pattern.test(this.received[i].text)) {
          this.cursor = i + 1;
          return this.received[i];
        }
      }
      if (Date.now() > deadline) {
        const seen = this.received.slice(this.cursor).map((m) => m.text.slice(0, 80));
        throw new Error(`user ${this.userId}: no bot message matching ${pattern} within ${timeoutMs} ms; unread: ${JSON.stringify(seen)}`);
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
