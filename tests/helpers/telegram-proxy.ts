import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Update } from "grammy/types";
import type { EmulatorServer } from "../../src/telegram/emulator.js";
import { freePort } from "./env.js";

type Payload = Record<string, unknown>;
const IDLE_KEEP_MS = 65_000;
/** A fault: answer a matching Bot API call with `answer` (e.g. a 429), or never answer it (`hang`). */
export type Fault = { method: string; match?: (p: Payload) => boolean; times?: number } & (
  | { answer: { status: number; body: object } }
  | { hang: true }
);

type Waiter = { res: ServerResponse; timer: NodeJS.Timeout; poll: NodeJS.Timeout };
type BotQueue = { buffer: Update[]; waiter?: Waiter; repeat: number; repeated: Update[] };

/**
 * Sits between the bots and the emulator (telegram-test-api) and makes getUpdates behave as
 * Telegram's does: updates stay unconfirmed until a later call asks with a higher offset, a call
 * long-polls up to its timeout, and a second concurrent getUpdates for the same bot ends the first
 * with 409. Faults can be injected on any Bot API call; everything else is passed to the emulator.
 * The emulator itself marks updates read when fetched, which would hide lost updates.
 */
export async function startTelegramProxy(emulator: EmulatorServer) {
  const upstream = emulator.config.apiURL;
  const queues = new Map<string, BotQueue>();
  const faults: (Fault & { left: number })[] = [];
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const stats = { conflicts: 0, getUpdates: 0, faultsFired: 0, repeated: 0 };

  const queue = (token: string): BotQueue => {
    let q = queues.get(token);
    if (!q) queues.set(token, (q = { buffer: [], repeat: 0, repeated: [] }));
    return q;
  };
  const send = (res: ServerResponse, status: number, body: object) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  /** Moves new updates from the emulator into the bot's unconfirmed buffer. */
  function pull(token: string, q: BotQueue): void {
    for (const u of emulator.getUpdates(token) as unknown as Update[]) {
      q.buffer.push(u);
      if (q.repeat > 0) {
        q.repeat--;
        q.repeated.push(u);
      }
    }
  }

  function getUpdates(token: string, p: Payload, req: IncomingMessage, res: ServerResponse): void {
    stats.getUpdates++;
    const q = queue(token);
    if (q.waiter) {
      stats.conflicts++;
      clearTimeout(q.waiter.timer);
      clearInterval(q.waiter.poll);
      send(q.waiter.res, 409, { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
      q.waiter = undefined;
    }
    const offset = typeof p.offset === "number" ? p.offset : undefined;
    if (offset !== undefined) {
      const confirmed = q.buffer.filter((u) => u.update_id < offset);
      q.buffer = q.buffer.filter((u) => u.update_id >= offset);
      // A repeat: Telegram delivers an update it already delivered (and was confirmed) once more.
      for (const u of confirmed) {
        const i = q.repeated.indexOf(u);
        if (i >= 0) {
          q.repeated.splice(i, 1);
          q.buffer.push(structuredClone(u));
          stats.repeated++;
        }
      }
    }
    const limit = typeof p.limit === "number" ? p.limit : 100;
    const answer = () => send(res, 200, { ok: true, result: q.buffer.slice(0, limit) });
    pull(token, q);
    const timeout = typeof p.timeout === "number" ? p.timeout : 0;
    if (q.buffer.length > 0 || timeout <= 0) return answer();
    const finish = () => {
      clearTimeout(waiter.timer);
      clearInterval(waiter.poll);
      if (q.waiter === waiter) q.waiter = undefined;
    };
    const waiter: Waiter = {
      res,
      timer: setTimeout(() => {
        finish();
        answer();
      }, timeout * 1000),
      poll: setInterval(() => {
        pull(token, q);
        if (q.buffer.length === 0) return;
        finish();
        answer();
      }, 20),
    };
    q.waiter = waiter;
    res.once("close", finish);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
      let payload: Payload = {};
      try {
        if (m && body.length > 0) payload = JSON.parse(body.toString("utf8"));
      } catch {
        /* not JSON: passed on as it is */
      }
      if (m) {
        const [, token, method] = m;
        const fault = faults.find((f) => f.left > 0 && f.method === method && (!f.match || f.match(payload)));
        if (fault) {
          fault.left--;
          stats.faultsFired++;
          if ("hang" in fault) return void hung.add(res);
          return send(res, fault.answer.status, fault.answer.body);
        }
        if (method === "getUpdates") return getUpdates(token, payload, req, res);
      }
      try {
        const r = await fetch(`${upstream}${req.url}`, {
          method: req.method,
          headers: { "content-type": req.headers["content-type"] ?? "application/json" },
          body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
        });
        res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/json" });
        res.end(Buffer.from(await r.arrayBuffer()));
      } catch (err) {
        send(res, 502, { ok: false, error_code: 502, description: `proxy: ${String(err)}` });
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  // Longer than clients keep an idle connection, so a reused socket is never closed under them (see emulator.ts).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = await freePort();
  // Idle connections are closed by the clients (undici: 4 s), never first by this server: on a loaded
  // machine a server closing at 5 s races a client reusing the socket (ECONNRESET, 502).
  server.keepAliveTimeout = IDLE_KEEP_MS;
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    stats,
    /** Adds a fault for the next `times` (default 1) matching calls. */
    fault(f: Fault): void {
      faults.push({ ...f, left: f.times ?? 1 });
    },
    clearFaults(): void {
      faults.length = 0;
    },
    /** The next `n` updates for the bot are delivered a second time after they were confirmed. */
    repeatNext(token: string, n = 1): void {
      queue(token).repeat += n;
    },
    /** Updates fetched from the emulator and not yet confirmed by a higher offset. */
    unconfirmed: (token: string): number => queue(token).buffer.length,
    async stop(): Promise<void> {
      for (const q of queues.values()) if (q.waiter) clearInterval(q.waiter.poll);
      for (const q of queues.values()) if (q.waiter) clearTimeout(q.waiter.timer);
      for (const s of sockets) s.destroy();
      hung.clear();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type TelegramProxy = Awaited<ReturnType<typeof startTelegramProxy>>;
