import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { readFileSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, TEST_DATABASE_URL } from "../helpers/env.js";
import { waitFor } from "../helpers/wait.js";

// The entry points as separate processes (issue 7, "Clean, bounded shutdown" and "Webhooks"):
// each must exit within 10 s of SIGTERM whatever its clients do.
const children: ChildProcess[] = [];
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const f of cleanup.splice(0)) await f();
});

function start(entry: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    env: { PATH: process.env.PATH, DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: "warn", QUEUE_PREFIX: "t-processes", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  let stdout = "";
  child.stderr!.on("data", (d) => (stderr += d));
  child.stdout!.on("data", (d) => (stdout += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, exited, output: () => stdout + stderr, stderr: () => stderr };
}

/** Sends SIGTERM and returns how long the process took to exit. */
async function terminate(p: ReturnType<typeof start>): Promise<{ ms: number; code: number | null }> {
  const t = Date.now();
  p.child.kill("SIGTERM");
  const code = await p.exited;
  return { ms: Date.now() - t, code };
}

describe("processes", () => {
  it("refuses to start webhook mode without a WEBHOOK_SECRET of 32 characters, in one line", async () => {
    // (A short secret is refused by the same rule: tests/unit/config.test.ts.)
    const p = start("http/main.ts", { WEBHOOK_URL: "https://minsheng.example" });
    expect(await p.exited).toBe(1);
    expect(p.stderr().trim()).toMatch(/^Invalid configuration: WEBHOOK_SECRET must be set when WEBHOOK_URL is: 32 to 256 characters/);
    expect(p.stderr().trim().split("\n")).toHaveLength(1);
  });

  it("the HTTP server exits within 10 s of SIGTERM with a half-sent request open", async () => {
    const port = await freePort();
    const p = start("http/main.ts", { HTTP_PORT: String(port) });
    await waitFor("the server up", async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true, 20_000);
    const socket: Socket = connect(port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    socket.on("error", () => undefined);
    socket.write("POST /figures HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"half\":");
    const { ms, code } = await terminate(p);
    socket.destroy();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    console.log(`http exited ${ms} ms after SIGTERM with a half-sent request open`);
  }, 40_000);

  it("the bots process exits within 10 s of SIGTERM while its getUpdates long-polls", async () => {
    // A Bot API whose getUpdates never answers (as Telegram holds a long poll for 30 s).
    let polls = 0;
    const api: Server = createServer((req, res) => {
      const method = req.url?.split("/").pop();
      if (method === "getUpdates") return void polls++;
      res.writeHead(200, { "content-type": "application/json" });
      if (method === "getMe") {
        const id = Number(/bot(\d+):/.exec(req.url ?? "")?.[1] ?? 1);
        return res.end(JSON.stringify({ ok: true, result: { id, is_bot: true, first_name: "b", username: `b${id}` } }));
      }
      res.end(JSON.stringify({ ok: true, result: true }));
    });
    const apiPort = await freePort();
    await new Promise<void>((r) => api.listen(apiPort, "127.0.0.1", r));
    cleanup.push(() => {
      api.closeAllConnections();
      return new Promise<void>((r) => api.close(() => r()));
    });
    const p = start("bots/main.ts", {
      CITIZEN_BOT_TOKEN: "5550001:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      STAFF_BOT_TOKEN: "5550002:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
      TELEGRAM_API_ROOT: `http://127.0.0.1:${apiPort}`,
    });
    await waitFor("both bots long-polling", () => polls >= 2, 20_000);
    const { ms, code } = await terminate(p);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    console.log(`bots exited ${ms} ms after SIGTERM during a long poll`);
  }, 40_000);

  it("npm run start:workers with WORKER_PROCESSES=2 runs two workers processes, and all of them exit within 10 s of SIGTERM", async () => {
    const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    const prefix = `t-procs-${randomBytes(3).toString("hex")}`;
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("classify", { connection: redis, prefix });
    cleanup.push(async () => {
      await queue.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    });
    const p = start("workers/main.ts", { WORKER_PROCESSES: "2", QUEUE_PREFIX: prefix, REDIS_URL: redisUrl });
    // Each process has its own BullMQ worker on every queue.
    await waitFor("two workers processes consuming", async () => (await queue.getWorkers()).length === 2, 60_000);
    // (tsx runs an esbuild service beside it: only the node processes of the entry point count.)
    const descendants = childrenOf(p.child.pid!).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workers/main.ts"));
    expect(descendants).toHaveLength(1);
    const { ms, code } = await terminate(p);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    // The supervised process exited before its parent did.
    for (const pid of descendants) expect(alive(pid)).toBe(false);
    console.log(`two workers processes exited ${ms} ms after SIGTERM`);
  }, 90_000);
});

/** Direct children of `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
