import { connect } from "node:net";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { freePort } from "../helpers/env.js";
import { caseTargets, waitUntil, type RowContext, type RowResult, type Target } from "./harness.js";
import { stopProcess, type Proc } from "./product.js";

/** Rows about one process's behaviour: shutdown under load, and the webhook's front door. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HANDLER = 900001;
const exitTarget = (what: string, ms: number | undefined, cap: number): Target => ({
  name: `${what} exits ≤ 10 s`,
  pass: ms !== undefined && ms <= 10_000,
  detail: ms === undefined ? `still running after ${cap / 1000} s` : `${(ms / 1000).toFixed(1)} s`,
});

async function webhookHttp(ctx: RowContext, secret: string | undefined, label = "http"): Promise<{ proc: Proc; port: number }> {
  const port = await freePort();
  const env: Record<string, string> = { HTTP_PORT: String(port), WEBHOOK_URL: "https://example.invalid" };
  if (secret !== undefined) env.WEBHOOK_SECRET = secret;
  return { proc: ctx.start("http", env, label), port };
}

/** POSTs one update straight to a webhook endpoint, as someone who is not Telegram could. */
async function forge(port: number, bot: "citizen" | "staff", update: object, header?: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/telegram/${bot}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(header ? { "x-telegram-bot-api-secret-token": header } : {}) },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.status;
}

const staffPerson = (id: number) => ({ id, is_bot: false, first_name: "冒充", username: `s${id}`, language_code: "zh-hans" });

export const PROCESS_ROWS: Record<string, (ctx: RowContext) => Promise<RowResult>> = {
  "http-sigterm": async (ctx) => {
    const t0 = Date.now();
    const port = await freePort();
    const proc = ctx.start("http", { HTTP_PORT: String(port) });
    await ctx.httpReady(port, 60_000, proc);
    // A client that sent half a request head and then went quiet.
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((r) => socket.once("connect", () => r()));
    socket.write("GET /figures HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    socket.on("error", () => undefined);
    await sleep(300);
    const cap = 20_000;
    const ms = await stopProcess(proc, "SIGTERM", cap);
    socket.destroy();
    return { row: "http-sigterm", fault: "SIGTERM http with a half-sent request open", exitSeconds: ms === undefined ? undefined : ms / 1000, notes: [], targets: [exitTarget("http", ms, cap)], seconds: (Date.now() - t0) / 1000 };
  },

  "workers-sigterm-retry-after": async (ctx) => {
    const t0 = Date.now();
    const since = Date.now();
    ctx.start("bots");
    let workers = ctx.start("workers");
    await ctx.botsPolling(since);
    let servedAt = 0;
    ctx.fake.inject429({ bot: "staff", method: "sendMessage", match: () => true, retryAfter: 20, times: 1, onServe: () => (servedAt = Date.now()) });
    const plans = ctx.plans(ctx.opts.quick ? 3 : 10);
    const citizens = ctx.runCitizens(plans, { answerTimeoutMs: 30_000, deadlineMs: 5 * 60_000 });
    await waitUntil("a card refused with 429", 180_000, () => servedAt > 0);
    await sleep(1000);
    const cap = 90_000;
    const ms = await stopProcess(workers, "SIGTERM", cap);
    workers = ctx.start("workers");
    const ref = Date.now();
    const results = await citizens;
    const counts = await ctx.settle(plans, results, ref + 90_000);
    const { targets, deliverSeconds } = caseTargets(counts, ref, 0);
    return {
      row: "workers-sigterm-retry-after",
      fault: "SIGTERM workers while a job waits out retry_after 20 s",
      counts,
      deliverSeconds,
      exitSeconds: ms === undefined ? undefined : ms / 1000,
      notes: [],
      targets: [exitTarget("workers", ms, cap), ...targets],
      seconds: (Date.now() - t0) / 1000,
    };
  },

  "webhook-no-secret": async (ctx) => {
    const t0 = Date.now();
    const { proc, port } = await webhookHttp(ctx, undefined);
    const refused = await Promise.race([proc.exit.then((e) => e.code !== 0), ctx.httpReady(port, 20_000, proc).then(() => false).catch(() => proc.exited)]);
    const notes: string[] = [];
    if (!refused && !proc.exited) {
      const chat = 777001;
      const status = await forge(port, "citizen", { update_id: 1, message: { message_id: 1, date: Math.floor(Date.now() / 1000), from: staffPerson(chat), chat: { id: chat, type: "private" }, text: "/start", entities: [{ offset: 0, length: 6, type: "bot_command" }] } });
      await waitUntil("a reply to the forged update", 5000, () => ctx.fake.messages.some((m) => m.chatId === chat)).catch(() => undefined);
      notes.push(`started; a forged update without a secret got HTTP ${status} and ${ctx.fake.messages.filter((m) => m.chatId === chat).length} replies`);
    }
    return { row: "webhook-no-secret", fault: "webhook mode with WEBHOOK_URL but no WEBHOOK_SECRET", notes, targets: [{ name: "refuses to start", pass: refused, detail: refused ? "exited non-zero" : "started" }], seconds: (Date.now() - t0) / 1000 };
  },

  "webhook-forged": async (ctx) => {
    const t0 = Date.now();
    const secret = randomBytes(24).toString("hex");
    ctx.start("workers");
    const { proc, port } = await webhookHttp(ctx, secret);
    await ctx.httpReady(port, 60_000, proc);
    await waitUntil("webhooks registered", 30_000, () => Boolean(ctx.fake.webhookOf("citizen") && ctx.fake.webhookOf("staff")));
    ctx.fake.setWebhookTargets("citizen", [`http://127.0.0.1:${port}/telegram/citizen`]);
    ctx.fake.setWebhookTargets("staff", [`http://127.0.0.1:${port}/telegram/staff`]);
    const [result] = await ctx.runCitizens(ctx.plans(1), { answerTimeoutMs: 30_000, deadlineMs: 120_000 });
    await waitUntil("the handler's card", 90_000, () => ctx.fake.messages.some((m) => m.chatId === HANDLER && m.text.includes(result.number ?? "?")));
    const card = ctx.fake.messages.find((m) => m.chatId === HANDLER && m.text.includes(result.number!))!;
    const accept = card.buttons.flat().find((b) => b.text === "签收")!;
    const db = new pg.Client({ connectionString: ctx.services.databaseUrl() });
    await db.connect();
    const snapshot = async () =>
      (await db.query(`SELECT c.status, (SELECT count(*) FROM "CaseEvent" e WHERE e."caseId" = c.id)::int AS events FROM "Case" c WHERE c.number = $1`, [result.number])).rows[0] as { status: string; events: number };
    const before = await snapshot();
    // Only the handler's chat counts: a forged press would be answered there (other chats still get this case's cards).
    const handlerMessages = () => ctx.fake.messages.filter((m) => m.bot === "staff" && m.chatId === HANDLER).length;
    const sentBefore = handlerMessages();
    const press = (id: number) => ({ update_id: 900_000 + id, callback_query: { id: `forged-${id}`, from: staffPerson(HANDLER), chat_instance: "x", message: { message_id: card.messageId, date: Math.floor(Date.now() / 1000), chat: { id: HANDLER, type: "private" }, text: card.text }, data: accept.data } });
    const noHeader = await forge(port, "staff", press(1));
    const wrongHeader = await forge(port, "staff", press(2), "x".repeat(48));
    await sleep(2000);
    const after = await snapshot();
    const repliesToForgery = handlerMessages() - sentBefore;
    // The control: the same press through Telegram (with the secret) does accept the case, so the refusal above is not vacuous.
    ctx.fake.deliver("staff", { callback_query: press(3).callback_query }, HANDLER);
    await waitUntil("the genuine press", 30_000, async () => (await snapshot()).status === "IN_PROGRESS").catch(() => undefined);
    const control = await snapshot();
    await db.end();
    const unchanged = after.status === before.status && after.events === before.events && repliesToForgery === 0;
    return {
      row: "webhook-forged",
      fault: "webhook with a secret: a forged 签收 without (or with a wrong) secret header",
      notes: [`forged: HTTP ${noHeader} (no header), ${wrongHeader} (wrong header); case ${before.status}→${after.status}, events ${before.events}→${after.events}; genuine press → ${control.status}`],
      targets: [
        { name: "forgery refused (401)", pass: noHeader === 401 && wrongHeader === 401, detail: `${noHeader}, ${wrongHeader}` },
        { name: "forgery changes nothing", pass: unchanged, detail: unchanged ? "unchanged" : `${before.status}→${after.status}, ${repliesToForgery} replies` },
        { name: "genuine press works", pass: control.status === "IN_PROGRESS", detail: control.status },
      ],
      seconds: (Date.now() - t0) / 1000,
    };
  },

  "webhook-two-processes": async (ctx) => {
    const t0 = Date.now();
    const secret = randomBytes(24).toString("hex");
    ctx.start("workers");
    const a = await webhookHttp(ctx, secret, "http-1");
    const b = await webhookHttp(ctx, secret, "http-2");
    await Promise.all([ctx.httpReady(a.port, 60_000, a.proc), ctx.httpReady(b.port, 60_000, b.proc)]);
    await waitUntil("webhooks registered", 30_000, () => Boolean(ctx.fake.webhookOf("citizen") && ctx.fake.webhookOf("staff")));
    for (const bot of ["citizen", "staff"] as const) ctx.fake.setWebhookTargets(bot, [a.port, b.port].map((p) => `http://127.0.0.1:${p}/telegram/${bot}`));
    const plans = ctx.plans(ctx.opts.cases);
    // Half the citizens type the place right after the description, so one chat's updates are in two processes at once.
    const results = await ctx.runCitizens(plans, { answerTimeoutMs: 30_000, deadlineMs: 15 * 60_000, burst: (i) => i % 2 === 0, repeatText: (i) => i % 4 === 1 });
    const ref = Math.max(0, ...results.map((r) => r.confirmedAt ?? 0));
    const counts = await ctx.settle(plans, results, Date.now() + 90_000);
    const { targets, deliverSeconds } = caseTargets(counts, ref, 0);
    return {
      row: "webhook-two-processes",
      fault: "two http processes in webhook mode, updates alternating between them",
      counts,
      deliverSeconds,
      notes: [`${ctx.fake.stats.webhookRetries} webhook retries, ${ctx.fake.stats.webhookFailures} updates given up`],
      targets: [...targets, { name: "each update handled once, in order", pass: counts.repeatedPrompts === 0, detail: `${counts.repeatedPrompts} prompts repeated` }],
      seconds: (Date.now() - t0) / 1000,
    };
  },
};
