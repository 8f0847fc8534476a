import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { I18n } from "@grammyjs/i18n";
import type { Redis } from "ioredis";
import type { StaffMember } from "../generated/prisma/client.js";
import type { StaffRole } from "../generated/prisma/enums.js";

/**
 * The command menus (setMyCommands) of both bots. Citizens share one menu (zh-CN for everyone,
 * English for Telegram clients in English); each staff member gets the menu of their role in their
 * own language, scoped to their chat, set when they join, when their role, language or standing
 * changes (staff:role), and checked again on their next message, so a change made any other way
 * still reaches them.
 */
export const CITIZEN_COMMANDS = ["new", "disclose", "mediate", "reconsider", "mycases", "status", "cancel", "language", "help", "forget", "start"] as const;
export const STAFF_COMMANDS: Record<StaffRole, readonly string[]> = {
  HANDLER: ["web", "help", "cancel"],
  DISPATCHER: ["help", "cancel"],
  SUPERVISOR: ["overdue", "web", "help", "cancel"],
  ADMIN: ["overdue", "web", "help", "cancel"],
  // The legal office works the web desk (case files, the annual report).
  LEGAL_OFFICE: ["web", "help"],
  // A hotline operator files for callers and calls them back.
  OPERATOR: ["call", "callbacks", "help", "cancel"],
};
/** Someone in the staff bot who is not (or no longer) staff: only the way in. */
export const STAFF_GUEST_COMMANDS = ["start"] as const;

/** Locales with a menu, and the Telegram language_code each is set for ("" = every language). */
const DEFAULT_LOCALE = "zh-CN";
const LANGUAGE_CODES: [locale: string, code: "" | "en"][] = [
  [DEFAULT_LOCALE, ""],
  ["en", "en"],
];

/** Bump when the lists above change, so every staff member's menu is set again. */
const MENU_VERSION = 2;

export function createMenus(deps: { i18n: I18n; redis: Redis; prefix: string }) {
  const { i18n, redis } = deps;
  // Descriptions are cmd-<command> (citizen bot) and cmd-staff-<command> (staff bot) in the locale files.
  const list = (locale: string, names: readonly string[], bot: "citizen" | "staff" = "citizen"): BotCommand[] =>
    names.map((command) => ({ command, description: i18n.t(locale, bot === "staff" ? `cmd-staff-${command}` : `cmd-${command}`) }));
  const signature = (s: Pick<StaffMember, "role" | "locale" | "active">) => `${MENU_VERSION}:${s.active ? s.role : "-"}:${s.locale}`;
  const keyOf = (telegramId: bigint | number) => `${deps.prefix}:menu:staff:${telegramId}`;

  return {
    /** The menus everyone gets: citizens' in the citizen bot, the way in for the staff bot. */
    async setDefaults(citizen: Api, staff: Api): Promise<void> {
      for (const [locale, code] of LANGUAGE_CODES) {
        const lang = code ? { language_code: code } : {};
        await citizen.setMyCommands(list(locale, CITIZEN_COMMANDS), lang);
        await staff.setMyCommands(list(locale, STAFF_GUEST_COMMANDS, "staff"), lang);
      }
    },

    /** A citizen who chose a language gets the menu in it, whatever their Telegram client's language. */
    async setCitizen(api: Api, telegramId: number, locale: string): Promise<void> {
      await api.setMyCommands(list(locale, CITIZEN_COMMANDS), { scope: { type: "chat", chat_id: telegramId } });
    },

    /** Sets a staff member's menu now (their role's, in their language; a deactivated one loses it). */
    async setStaff(api: Api, s: Pick<StaffMember, "telegramId" | "role" | "locale" | "active">): Promise<void> {
      const scope = { type: "chat" as const, chat_id: Number(s.telegramId) };
      if (s.active) await api.setMyCommands(list(s.locale, STAFF_COMMANDS[s.role], "staff"), { scope });
      else await api.deleteMyCommands({ scope });
      await redis.set(keyOf(s.telegramId), signature(s));
    },

    /** Sets the menu only if what it was set for (role, language, standing) has changed since. */
    async ensureStaff(api: Api, s: Pick<StaffMember, "telegramId" | "role" | "locale" | "active">): Promise<boolean> {
      if ((await redis.get(keyOf(s.telegramId))) === signature(s)) return false;
      await this.setStaff(api, s);
      return true;
    },
  };
}

export type Menus = ReturnType<typeof createMenus>;
