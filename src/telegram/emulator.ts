import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import type { UserFromGetMe } from "grammy/types";
import { installEmulatorMedia } from "./emulator-media.js";
import { installTruthfulEdits } from "./emulator-edits.js";
import { installEmulatorLimits, type EmulatorLimits, type ExpressLike } from "./emulator-limits.js";

export type EmulatorServer = InstanceType<typeof TelegramServer> & { limits: EmulatorLimits };

type Layer = { route?: unknown };
type AppInternals = ExpressLike & { _router: { stack: Layer[] } };

/**
 * Runs `install` on the emulator's Express app so that what it adds comes before telegram-test-api's
 * own routes (it registers them, and a catch-all "method not supported", in its constructor), but
 * after its body parsers.
 */
function beforeBuiltInRoutes<T>(app: AppInternals, install: (app: ExpressLike) => T): T {
  const stack = app._router.stack;
  const before = stack.length;
  const result = install(app);
  const added = stack.splice(before);
  const firstRoute = stack.findIndex((l) => l.route !== undefined);
  stack.splice(firstRoute < 0 ? stack.length : firstRoute, 0, ...added);
  return result;
}

/**
 * The local Telegram Bot API emulator (telegram-test-api) for demos and tests: Telegram itself is
 * not reachable from here. Messages are kept an hour so a terminal client can catch up. On top of
 * it, Telegram's limits and the methods it lacks (emulator-limits.ts).
 */
export async function startEmulator(port: number, host = "127.0.0.1"): Promise<EmulatorServer> {
  const server = new TelegramServer({ port, host, storeTimeout: 3600 }) as EmulatorServer;
  const app = (server as unknown as { webServer: AppInternals }).webServer;
  server.limits = beforeBuiltInRoutes(app, installEmulatorLimits);
  installTruthfulEdits(server);
  // Photos, documents, albums, getFile and downloads (src/telegram/emulator-media.ts). Last: it wraps
  // the Express app the two above add their routes to.
  installEmulatorMedia(server);
  await server.start();
  // Clients keep connections alive for up to ~4 s idle (undici); a server closing them at 5 s races a
  // reused socket on a loaded machine (ECONNRESET on a POST, which is not retried). Telegram keeps them longer.
  const http = (server as unknown as { server?: { keepAliveTimeout: number; headersTimeout: number } }).server;
  if (http) {
    http.keepAliveTimeout = 65_000;
    http.headersTimeout = 66_000;
  }
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
