import { afterAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { Redis } from "ioredis";
import type { Socket } from "node:net";
import { coalesceWrites } from "../../src/util/redis-writes.js";

// src/util/redis-writes.ts against the real Redis: what a turn of the event loop issues leaves in
// one socket write. Writes are counted where the socket hands them to the system (its _write and
// _writev, one call each per system call); a plain client is measured the same way first, so the
// count is known to see one write per command.
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `t-writes-${randomBytes(4).toString("hex")}`;
const clients: Redis[] = [];

afterAll(async () => {
  const keys = await clients[0]?.keys(`${prefix}:*`);
  if (keys?.length) await clients[0].del(...keys);
  await Promise.all(clients.map((r) => r.quit()));
});

async function client(coalesced: boolean): Promise<Redis> {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  clients.push(r);
  if (coalesced) coalesceWrites(r);
  if (r.status !== "ready") await once(r, "ready");
  return r;
}

/** Counts the system-level writes of the client's current socket from now on. */
function countWrites(r: Redis): { readonly n: number } {
  const s = r.stream as Socket & { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
  const counter = { n: 0 };
  const write = s._write;
  const writev = s._writev;
  s._write = function (...a) {
    counter.n++;
    return write.apply(this, a);
  };
  s._writev = function (...a) {
    counter.n++;
    return writev.apply(this, a);
  };
  return counter;
}

const oneTurn = (r: Redis, tag: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) => r.set(`${prefix}:${tag}:${i}`, String(i))));

describe("coalesced Redis writes", () => {
  it("a plain client writes once per command (the count sees each)", async () => {
    const r = await client(false);
    const writes = countWrites(r);
    await oneTurn(r, "plain", 50);
    expect(writes.n).toBeGreaterThanOrEqual(50);
  });

  it("sends what one turn issued in one write, with every reply in its place", async () => {
    const r = await client(true);
    const writes = countWrites(r);
    const replies = await oneTurn(r, "one", 100);
    expect(writes.n).toBe(1);
    expect(replies.every((x) => x === "OK")).toBe(true);
    const values = await r.mget(Array.from({ length: 100 }, (_, i) => `${prefix}:one:${i}`));
    expect(values).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
  });

  it("never holds a command back: one at a time, each answered", async () => {
    const r = await client(true);
    const writes = countWrites(r);
    for (let i = 0; i < 20; i++) await r.incr(`${prefix}:seq`);
    expect(await r.get(`${prefix}:seq`)).toBe("20");
    expect(writes.n).toBe(21);
  });

  it("coalesces on the socket of a reconnection too", async () => {
    const r = await client(true);
    const first = r.stream;
    r.disconnect(true);
    await once(r, "ready");
    expect(r.stream).not.toBe(first);
    const writes = countWrites(r);
    await oneTurn(r, "again", 50);
    expect(writes.n).toBe(1);
  });
});
