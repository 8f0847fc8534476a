import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import type { UserFromGetMe } from "grammy/types";
import { installEmulatorMedia } from "./emulator-media.js";
import { installTruthfulEdits } from "./emulator-edits.js";

export type EmulatorServer = InstanceType<typeof TelegramServer>;

/**
 * The local Telegram Bot API emulator (telegram-test-api) for demos and tests: Telegram itself is
 * not reachable from here. Messages are kept an hour so a terminal client can catch up.
 */
export async function startEmulator(port: number, host = "127.0.0.1"): Promise<EmulatorServer> {
  const server = new TelegramServer({ port, host, storeTimeout: 3600 });
  // Photos, documents, albums, getFile and downloads (src/telegram/emulator-media.ts).
  installEmulatorMedia(server);
  installTruthfulEdits(server);
  await server.start();
  // Let clients close idle keep-alive connections (undici after 4 s) before the server does (5 s by
  // default): on a loaded machine the server's close races a reused socket and the call fails (ECONNRESET).
  const http = (server as unknown as { server?: { keepAliveTimeout: number } }).server;
  if (http) http.keepAliveTimeout = 65_000;
  return server;
}

/** The emulator's getMe answers the same bot for every token; each of our bots gets its own identity. */
export function emulatorBotInfo(token: string, username: string): UserFromGetMe {
  return {
    id: Number(token.split(":")[0]),
    is_bot: true,
    first_name: username,
    username,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}
