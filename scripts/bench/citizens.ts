import type { BotMessage, FakeBotApi } from "./fake-bot-api.js";
import { complaint, rng } from "./complaints.js";

/**
 * Simulated citizens for the citizen bot, through the fake Bot API: each sends the next update
 * only once the bot's answer to the previous one arrived, as a person does. The steps and the
 * answers they wait for are those of the end-to-end tests (tests/helpers/flows.ts).
 */
type Expect = RegExp;

class Citizen {
  private inbox: BotMessage[] = [];
  private waiting: { pattern: Expect; resolve: (m: BotMessage) => void } | null = null;
  readonly latencies: number[] = [];
  updates = 0;

  constructor(
    private readonly api: FakeBotApi,
    private readonly token: string,
    readonly id: number,
    private readonly timeoutMs: number,
  ) {
    api.listen(id, (m) => {
      if (this.waiting && this.waiting.pattern.test(m.text)) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve(m);
      } else this.inbox.push(m);
    });
  }

  private person() {
    return {
      from: { id: this.id, is_bot: false, first_name: `居民${this.id}`, language_code: "zh-hans" },
      chat: { id: this.id, type: "private" as const, first_name: `居民${this.id}` },
    };
  }

  /** Sends an update and waits for the bot's message matching `pattern`. */
  private async step(update: Record<string, unknown>, pattern: Expect): Promise<BotMessage> {
    this.inbox = [];
    const sentAt = Date.now();
    const answer = new Promise<BotMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error(`citizen ${this.id}: no answer matching ${pattern} in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting = {
        pattern,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
    });
    this.updates++;
    this.api.push(this.token, update);
    const m = await answer;
    this.latencies.push(m.at - sentAt);
    return m;
  }

  send(text: string, pattern: Expect): Promise<BotMessage> {
    const { from, chat } = this.person();
    const entities = text.startsWith("/") ? [{ offset: 0, length: text.split(/\s/)[0].length, type: "bot_command" }] : undefined;
    return this.step(
      { message: { message_id: this.api.nextMessageId(), from, chat, date: Math.floor(Date.now() / 1000), text, ...(entities ? { entities } : {}) } },
      pattern,
    );
  }

  press(on: BotMessage, label: string, pattern: Expect): Promise<BotMessage> {
    const button = on.buttons.flat().find((b) => b.text === label);
    if (!button) throw new Error(`citizen ${this.id}: no button ${label} on "${on.text.slice(0, 40)}"`);
    const { from, chat } = this.person();
    return this.step(
      {
        callback_query: {
          id: String(this.api.nextMessageId()),
          from,
          chat_instance: String(this.id),
          message: { message_id: on.messageId, chat, date: Math.floor(Date.now() / 1000), text: on.text },
          data: button.data,
        },
      },
      pattern,
    );
  }

  stop() {
    this.api.listen(this.id, null);
  }
}

export type IntakeRun = { updates: number; finished: number; failed: number; errors: string[]; latencies: number[]; ms: number };

/** K citizens, each: /start and consent once, then `rounds` complete complaint intakes. */
export async function runCitizens(api: FakeBotApi, token: string, opts: { citizens: number; rounds: number; firstId: number; seed: number; timeoutMs: number }): Promise<IntakeRun> {
  const r = rng(opts.seed);
  const out: IntakeRun = { updates: 0, finished: 0, failed: 0, errors: [], latencies: [], ms: 0 };
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: opts.citizens }, async (_, k) => {
      const c = new Citizen(api, token, opts.firstId + k, opts.timeoutMs);
      try {
        const notice = await c.send("/start", /隐私/);
        await c.press(notice, "同意并继续", /已记录您的同意/);
        for (let round = 0; round < opts.rounds; round++) {
          const what = complaint(r);
          await c.send("/new", /第 1 步/);
          await c.send(what.text, /第 2 步/);
          const photos = await c.send(what.location, /第 3 步/);
          const identity = await c.press(photos, "跳过", /第 4 步/);
          let summary: BotMessage;
          if ((k + round) % 2 === 0) {
            summary = await c.press(identity, "匿名", /请核对/);
          } else {
            await c.press(identity, "实名", /请输入您的姓名/);
            await c.send("李女士", /手机号码/);
            summary = await c.send(`138 ${String(1000 + k).padStart(4, "0")} ${String(1000 + round).padStart(4, "0")}`, /请核对/);
          }
          await c.press(summary, "确认提交", /MS-\d{4}-\d{6}/);
          out.finished++;
        }
      } catch (err) {
        out.failed++;
        if (out.errors.length < 5) out.errors.push((err as Error).message);
      } finally {
        c.stop();
        out.updates += c.updates;
        out.latencies.push(...c.latencies);
      }
    }),
  );
  out.ms = Date.now() - t0;
  return out;
}
