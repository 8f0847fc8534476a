import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { FakeBotApi } from "./fake-bot-api.js";
import { cloneCounts, diffCounts, type PgProxy, type SqlCounts } from "./pg-proxy.js";
import { startUsage, tail, type Proc, type Usage } from "./procs.js";
import type { SubmitRequest, SubmitResult } from "./submitter.js";

/** Waits for a condition by polling; no fixed sleep stands in for it. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Talks to the submitter child: one request at a time, answered with its results. */
export function submitterClient(p: Proc) {
  let seq = 0;
  const ready = new Promise<void>((resolve, reject) => {
    p.child.once("message", () => resolve());
    void p.exited.then((code) => reject(new Error(`submitter exited (${code}) before it was ready:\n${tail(p.log)}`)));
  });
  return {
    ready,
    request(req: SubmitRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never): Promise<SubmitResult> {
      const id = ++seq;
      return new Promise((resolve, reject) => {
        const onMessage = (m: SubmitResult) => {
          if (m.id !== id) return;
          p.child.off("message", onMessage);
          resolve(m);
        };
        p.child.on("message", onMessage);
        void p.exited.then((code) => reject(new Error(`submitter exited (${code}):\n${tail(p.log)}`)));
        p.child.send({ ...req, id });
      });
    },
  };
}

/** Waits until every queue named has at least `n` BullMQ workers connected under `prefix`. */
export async function workersConnected(redisUrl: string, prefix: string, queues: string[], n: number, procs: Proc[], timeoutMs: number): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const qs = queues.map((name) => new Queue(name, { connection: redis, prefix }));
  try {
    const ok = await until(
      async () => {
        for (const p of procs) if (p.child.exitCode !== null) throw new Error(`${p.label} exited (${p.child.exitCode}):\n${tail(p.log)}`);
        const counts = await Promise.all(qs.map((q) => q.getWorkersCount()));
        return counts.every((c) => c >= n);
      },
      timeoutMs,
      100,
    );
    if (!ok) throw new Error(`workers under ${prefix} did not connect in ${timeoutMs} ms:\n${procs.map((p) => tail(p.log, 5)).join("\n")}`);
  } finally {
    await Promise.all(qs.map((q) => q.close()));
    redis.disconnect();
  }
}

export type Measured = { usage: Record<string, Usage>; sql: Record<string, SqlCounts>; wallMs: number };

/** CPU, peak RSS and SQL of one phase, for the processes and proxies given. */
export function measure(procs: Proc[], proxies: Record<string, PgProxy>) {
  const before = Object.fromEntries(Object.entries(proxies).map(([k, p]) => [k, cloneCounts(p.counts)]));
  const usage = startUsage(procs);
  const t0 = Date.now();
  return {
    stop(): Measured {
      const u = usage.stop();
      const sql = Object.fromEntries(Object.entries(proxies).map(([k, p]) => [k, diffCounts(before[k], p.counts)]));
      return { usage: u, sql, wallMs: Date.now() - t0 };
    },
  };
}

export type CardWait = { carded: number; missing: number; lastCard: number; latencies: number[] };

/** Waits until every filed case's first card reached a staff chat (or the timeout); latencies from each submit's scheduled time. */
export async function waitForCards(api: FakeBotApi, r: SubmitResult, timeoutMs: number): Promise<CardWait> {
  const numbers = r.numbers.filter((n): n is string => n !== null);
  await until(() => numbers.every((n) => api.cardAt.has(n)), timeoutMs, 25);
  const latencies: number[] = [];
  let lastCard = 0;
  r.numbers.forEach((n, i) => {
    const at = n ? api.cardAt.get(n) : undefined;
    if (at === undefined) return;
    latencies.push(at - r.scheduled[i]);
    lastCard = Math.max(lastCard, at);
  });
  return { carded: latencies.length, missing: numbers.length - latencies.length, lastCard, latencies };
}

/** Failed submits and their distinct reasons. */
export function failures(r: SubmitResult): { failed: number; reasons: string[] } {
  const errs = r.errors.filter((e): e is string => e !== null);
  return { failed: errs.length, reasons: [...new Set(errs)].slice(0, 3) };
}

export const cpuOf = (m: Measured, labels: string[]) => labels.reduce((s, l) => s + (m.usage[l]?.cpuMs ?? 0), 0);
export const rssOf = (m: Measured, labels: string[]) => labels.reduce((s, l) => s + (m.usage[l]?.peakRssMb ?? 0), 0);
export const maxRssOf = (m: Measured, labels: string[]) => Math.max(0, ...labels.map((l) => m.usage[l]?.peakRssMb ?? 0));
