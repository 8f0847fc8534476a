import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import type { ApiClientOptions } from "grammy";

type Init = { method?: string; headers?: Record<string, string>; body?: unknown; signal?: unknown };

/** Keep-alive connections to the Bot API, as many as calls in flight; an idle one holds no process open. */
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** Told of each Bot API call that went out: its method and result ("ok", "400", "429"…, "network"). */
export type CallCounter = (method: string, result: string) => void;

/**
 * The `fetch` grammY calls the Bot API with (`client.fetch`, for the bots and the workers' Api):
 * one `node:http` request, the answer read whole, instead of grammY's default, node-fetch over the
 * same `node:http`. Every notice and card is one such call, several a case. On loopback (one
 * process sending 20,000 sendMessage calls, 64 at a time, to a server in another), CPU a call:
 * node-fetch 0.17 ms, this 0.10, undici's `Pool.request` 0.04, Node's built-in fetch 0.42. undici
 * was measured in bench:pipeline too (session 13): 0.27 ms less CPU a case in the workers, but
 * ~9 MB more RSS a process (its code beside node-fetch's, which grammY loads anyway), and the
 * workers' RSS is at its 200 MB target; this costs no memory (`node:http` is loaded already).
 *
 * grammY reads only `json()` of what this returns. A call's JSON goes as the string grammY made,
 * an upload as grammY's multipart stream; a timeout or a stopping bot aborts the call through the
 * signal grammY passes; a refused or broken connection rejects, and grammY makes that an HttpError.
 *
 * `onCall` is told of each call that went out, by method, with its result: "ok", Telegram's error
 * code ("400", "429"…), or "network" when no answer came (src/metrics/shared-metrics.ts). Counted
 * here, at the one place a call really leaves: a conversation replaying a step answers the call
 * from its log without a request, and so is not counted again; retries are counted one by one; a
 * call the length guard refused never left. (A grammY transformer could not tell a replayed call
 * from a real one without an AsyncLocalStorage, whose promise hooks cost the bots ~9% of their CPU.)
 */
export function createBotApiFetch(onCall?: CallCounter) {
  return ((url: string, init: Init = {}) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const method = onCall ? u.pathname.slice(u.pathname.lastIndexOf("/") + 1) : "";
      let settled = false;
      const failed = (err: unknown) => {
        if (!settled) onCall?.(method, "network");
        settled = true;
        reject(err);
      };
      const secure = u.protocol === "https:";
      const body = init.body as string | Readable | undefined;
      const headers: Record<string, string> = { ...init.headers };
      if (typeof body === "string") headers["content-length"] = String(Buffer.byteLength(body));
      const options = { method: init.method ?? "GET", headers, agent: secure ? agents.https : agents.http, signal: init.signal as AbortSignal | undefined };
      const req = (secure ? httpsRequest : httpRequest)(u, options, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("error", failed);
        res.on("end", () => {
          settled = true;
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          let json: () => Promise<unknown> = async () => JSON.parse(text) as unknown;
          if (onCall) {
            // Telegram's answer says how the call went: ok, or its error code (as grammY reads it).
            let answer: unknown;
            try {
              answer = JSON.parse(text);
              json = async () => answer;
            } catch {
              // Not JSON (a proxy's error page): grammY fails the call as a network error.
            }
            const told = typeof answer === "object" && answer !== null ? (answer as { ok?: unknown; error_code?: unknown }) : undefined;
            onCall(method, told === undefined ? "network" : told.ok === true ? "ok" : String(told.error_code));
          }
          resolve({ ok: status >= 200 && status < 300, status, json, text: async () => text });
        });
      });
      req.on("error", failed);
      if (body === undefined || typeof body === "string") req.end(body);
      else body.on("error", (e) => req.destroy(e)).pipe(req);
    })) as unknown as NonNullable<ApiClientOptions["fetch"]>;
}

/** The Bot API `fetch` without counting (tests, tools). */
export const botApiFetch = createBotApiFetch();
