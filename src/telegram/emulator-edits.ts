import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

type Server = InstanceType<typeof TelegramServer>;
// The few Express shapes used here (the emulator's Express 4 app; its types are not installed).
type Request = { params: Record<string, string>; query: Record<string, unknown>; body: unknown };
type Response = { status(code: number): Response; json(body: unknown): unknown };
type Handler = (req: Request, res: Response) => unknown;
type Layer = { route?: { path?: string } };
type App = { post(path: string, h: Handler): void; _router: { stack: Layer[] } };
type Markup = { inline_keyboard?: unknown[][] } | undefined;
type StoredBotMessage = {
  botToken: string;
  messageId: number;
  time: number;
  message: { chat_id: number | string; text?: string; reply_markup?: Markup; edit_date?: number; [k: string]: unknown };
};

// Telegram's own descriptions (Bot API, observed answers), so the product's checks on them are tested as they run live.
export const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
export const NOT_FOUND = "Bad Request: message to edit not found";
const TEXT_EMPTY = "Bad Request: message text is empty";
const NO_TEXT = "Bad Request: there is no text in the message to edit";
const TOO_LONG = "Bad Request: MESSAGE_TOO_LONG";
/** Telegram's limit for a message text, after entities are parsed (https://core.telegram.org/bots/api#sendmessage). */
const TEXT_MAX = 4096;

const parse = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
/** An empty keyboard is no keyboard, as Telegram shows it. */
const keyboardOf = (m: Markup): unknown[][] | undefined => (m?.inline_keyboard?.length ? m.inline_keyboard : undefined);
const same = (a: Markup, b: Markup) => JSON.stringify(keyboardOf(a) ?? null) === JSON.stringify(keyboardOf(b) ?? null);

/**
 * telegram-test-api answers every editMessageText and editMessageReplyMarkup with ok, edits a
 * message that does not exist into nothing, keeps a keyboard that the edit leaves out and ignores
 * an editMessageReplyMarkup that removes one. Telegram does none of that, and the live staff cards
 * depend on what it does: an edit without `reply_markup` removes the inline keyboard; an edit that
 * changes nothing is 400 "message is not modified"; an unknown message (or one of another bot or
 * chat) is 400 "message to edit not found"; the answer is the edited Message. These routes run
 * before the emulator's own.
 */
export function installTruthfulEdits(server: Server): void {
  const app = (server as unknown as { webServer: App }).webServer;

  const fail = (res: Response, description: string) => res.status(400).json({ ok: false, error_code: 400, description });
  const find = (token: string, body: Record<string, unknown>): StoredBotMessage | undefined =>
    (server.storage.botMessages as unknown as StoredBotMessage[]).find(
      (u) => u.botToken === token && String(u.messageId) === String(body.message_id) && String(u.message.chat_id) === String(body.chat_id),
    );
  const result = (u: StoredBotMessage) => ({
    ...u.message,
    message_id: u.messageId,
    date: Math.floor(u.time / 1000),
    chat: { id: Number(u.message.chat_id), first_name: "Bot", type: "private" },
  });

  const editText = (req: Request, res: Response) => {
    const body = { ...req.query, ...(req.body as Record<string, unknown>) };
    const text = typeof body.text === "string" ? body.text : "";
    if (text.trim() === "") return fail(res, TEXT_EMPTY);
    if (text.length > TEXT_MAX) return fail(res, TOO_LONG);
    const u = find(req.params.token, body);
    if (!u) return fail(res, NOT_FOUND);
    if (typeof u.message.text !== "string") return fail(res, NO_TEXT);
    const markup = parse<Markup>(body.reply_markup);
    if (u.message.text === text && same(u.message.reply_markup, markup)) return fail(res, NOT_MODIFIED);
    u.message = { ...u.message, text, reply_markup: keyboardOf(markup) ? markup : undefined, edit_date: Math.floor(Date.now() / 1000) };
    if ("entities" in body) u.message.entities = parse(body.entities);
    server.emit("EditedMessageText");
    return res.json({ ok: true, result: result(u) });
  };

  const editMarkup = (req: Request, res: Response) => {
    const body = { ...req.query, ...(req.body as Record<string, unknown>) };
    const u = find(req.params.token, body);
    if (!u) return fail(res, NOT_FOUND);
    const markup = parse<Markup>(body.reply_markup);
    if (same(u.message.reply_markup, markup)) return fail(res, NOT_MODIFIED);
    u.message = { ...u.message, reply_markup: keyboardOf(markup) ? markup : undefined, edit_date: Math.floor(Date.now() / 1000) };
    server.emit("EditedMessageReplyMarkup");
    return res.json({ ok: true, result: result(u) });
  };

  const stack = app._router.stack;
  const before = stack.findIndex((l) => l.route?.path === "/bot:token/editMessageText");
  const added = stack.length;
  app.post("/bot:token/editMessageText", editText);
  app.post("/bot:token/editMessageReplyMarkup", editMarkup);
  // Express matches in order: move ours in front of the emulator's routes.
  const ours = stack.splice(added, 2);
  stack.splice(before >= 0 ? before : 0, 0, ...ours);
}
