import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { freePort } from "../helpers/env.js";
import { closeHttpServer, createHttpServer } from "../../http/server.js";

// Issue 13: "/web in the staff bot replies with a one-time link"; the link opened over real HTTP.
let stack: Stack;
let server: Server;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  stack = await startStack({ workers: false, env: { WEB_BASE_URL: base, WEB_LINK_TTL_MINUTES: "3" } });
  server = createHttpServer(stack.core);
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
});
afterAll(async () => {
  if (server) await closeHttpServer(server, 100);
  await stack?.stop();
});

describe("/web in the staff bot", () => {
  it("sends the demo supervisor a link that signs in once", async () => {
    const supervisor = stack.staff(900003);
    await supervisor.send("/web");
    const msg = await supervisor.expect(/网页工作台登录链接（3 分钟内有效/);
    const url = /(http:\/\/\S+)/.exec(msg.text)![1];
    expect(url.startsWith(`${base}/web/login?token=`)).toBe(true);
    const token = new URL(url).searchParams.get("token")!;

    expect((await fetch(url)).status).toBe(200);
    const form = { method: "POST", redirect: "manual" as const, headers: { "content-type": "application/x-www-form-urlencoded" }, body: `token=${token}` };
    const res = await fetch(`${base}/web/login`, form);
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const figures = await fetch(`${base}/web/figures`, { headers: { cookie } });
    expect(figures.status).toBe(200);
    expect(await figures.text()).toContain("张伟 (住建负责人) · 部门负责人");
    expect((await fetch(`${base}/web/login`, form)).status).toBe(410);
  });

  it("tells a dispatcher that the role has no web desk", async () => {
    const dispatcher = stack.staff(900002);
    await dispatcher.send("/web");
    await dispatcher.expect(/没有网页工作台权限/);
  });
});
