import type { ServerResponse } from "node:http";

export type BotCommand = { command: string; description: string };
/** The scopes of https://core.telegram.org/bots/api#botcommandscope. */
export type CommandScope =
  | { type: "default" | "all_private_chats" | "all_group_chats" | "all_chat_administrators" }
  | { type: "chat" | "chat_administrators"; chat_id: number | string }
  | { type: "chat_member"; chat_id: number | string; user_id: number };

type Res = ServerResponse & { json(body: unknown): void; status(code: number): Res };
type Body = Record<string, unknown>;

const METHODS = new Set(["setMyCommands", "getMyCommands", "deleteMyCommands"]);
const SCOPE_TYPES = new Set(["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"]);

export type EmulatorCommands = {
  handles(method: string): boolean;
  handle(token: string, method: string, body: Body, res: Res): void;
  /** The list set for exactly this scope and language (what getMyCommands answers). */
  get(token: string, scope?: CommandScope, languageCode?: string): BotCommand[];
  /**
   * The menu a user sees in a private chat, resolved as Telegram documents it
   * (https://core.telegram.org/bots/api#determining-list-of-commands): chat + language, chat,
   * all_private_chats + language, all_private_chats, default + language, default.
   */
  shownIn(token: string, chatId: number | string, languageCode?: string): BotCommand[];
};

const read = <T>(v: unknown): T | undefined => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T | undefined));

/** setMyCommands / getMyCommands / deleteMyCommands with scopes and language codes, kept per bot. */
export function createEmulatorCommands(): EmulatorCommands {
  const lists = new Map<string, BotCommand[]>();
  const keyOf = (token: string, scope: CommandScope, lang: string) => {
    const s = scope as { type: string; chat_id?: unknown; user_id?: unknown };
    return `${token}|${s.type}|${s.chat_id ?? ""}|${s.user_id ?? ""}|${lang}`;
  };

  /** The scope and language of a call, or the reason Telegram would refuse them. */
  function target(body: Body): { scope: CommandScope; lang: string } | string {
    let scope: CommandScope;
    try {
      scope = read<CommandScope>(body.scope) ?? { type: "default" };
    } catch {
      return "can't parse scope JSON object";
    }
    if (!scope || !SCOPE_TYPES.has(scope.type)) return "wrong scope type";
    if ((scope.type === "chat" || scope.type === "chat_administrators" || scope.type === "chat_member") && !("chat_id" in scope && scope.chat_id)) {
      return "chat not found";
    }
    const lang = typeof body.language_code === "string" ? body.language_code : "";
    // "A two-letter ISO 639-1 language code" (or empty for every language).
    if (lang !== "" && !/^[a-z]{2}$/.test(lang)) return "invalid language code specified";
    return { scope, lang };
  }

  function validCommands(v: unknown): BotCommand[] | string {
    let list: unknown;
    try {
      list = read<unknown>(v);
    } catch {
      return "can't parse commands JSON object";
    }
    if (!Array.isArray(list)) return "parameter \"commands\" is required";
    if (list.length > 100) return "too many commands";
    for (const c of list as BotCommand[]) {
      // 1–32 characters, lowercase English letters, digits and underscores; description 1–256.
      if (typeof c?.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command)) return "BOT_COMMAND_INVALID";
      if (typeof c.description !== "string" || c.description.trim().length < 1 || c.description.length > 256) return "BOT_COMMAND_DESCRIPTION_INVALID";
    }
    return (list as BotCommand[]).map((c) => ({ command: c.command, description: c.description }));
  }

  const api: EmulatorCommands = {
    handles: (method) => METHODS.has(method),
    handle(token, method, body, res) {
      const bad = (d: string) => res.status(400).json({ ok: false, error_code: 400, description: `Bad Request: ${d}` });
      const t = target(body);
      if (typeof t === "string") return bad(t);
      const key = keyOf(token, t.scope, t.lang);
      if (method === "getMyCommands") return res.json({ ok: true, result: lists.get(key) ?? [] });
      if (method === "deleteMyCommands") {
        lists.delete(key);
        return res.json({ ok: true, result: true });
      }
      const commands = validCommands(body.commands);
      if (typeof commands === "string") return bad(commands);
      if (commands.length === 0) lists.delete(key);
      else lists.set(key, commands);
      res.json({ ok: true, result: true });
    },
    get: (token, scope = { type: "default" }, lang = "") => [...(lists.get(keyOf(token, scope, lang)) ?? [])],
    shownIn(token, chatId, languageCode) {
      const lang = (languageCode ?? "").slice(0, 2);
      const order: [CommandScope, string][] = [
        [{ type: "chat", chat_id: Number(chatId) }, lang],
        [{ type: "chat", chat_id: Number(chatId) }, ""],
        [{ type: "all_private_chats" }, lang],
        [{ type: "all_private_chats" }, ""],
        [{ type: "default" }, lang],
        [{ type: "default" }, ""],
      ];
      for (const [scope, l] of order) {
        const found = lists.get(keyOf(token, scope, l));
        if (found) return [...found];
      }
      return [];
    },
  };
  return api;
}
