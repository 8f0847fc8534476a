import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { freePort, testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, caseOf } from "../helpers/case-fixtures.js";
import { closeHttpServer, createHttpApp, createHttpServer } from "../../http/server.js";
import { loadConfig } from "../../src/config.js";
import { signIn } from "./web-helpers.js";

// Issue 13, "Operations": /metrics only with a token or from an allowed network; Bull Board for admins.
const TOKEN = "m".repeat(40);
const cores: Core[] = [];
const servers: Server[] = [];

async function serve(env: Record<string, string>) {
  const core = createCore(testConfig(env));
  cores.push(core);
  const server = createHttpServer(core);
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  servers.push(server);
  return { core, url: `http://127.0.0.1:${port}` };
}

let open: { core: Core; url: string };
let closed: { core: Core; url: string };
beforeAll(async () => {
  open = await serve({}); // METRICS_ALLOW defaults to 127.0.0.1 and ::1
  closed = await serve({ METRICS_ALLOW: "10.0.0.0/8", METRICS_TOKEN: TOKEN });
  await resetDatabase(open.core.prisma);
  const cast = await castOf(open.core);
  await caseOf(open.core, cast, "COMPLAINT");
  const late = await caseOf(open.core, cast, "DISCLOSURE");
  await open.core.prisma.case.update({ where: { id: late.id }, data: { dueAt: new Date(Date.now() - 3_600_000) } });
});
afterAll(async () => {
  for (const s of servers) await closeHttpServer(s, 100);
  for (const c of cores) await c.close();
});

describe("/metrics", () => {
  it("serves Prometheus text to an allowed address: cases by kind and status, overdue, queue depths", async () => {
    const res = await fetch(`${open.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(body).toContain('minsheng_cases{kind="COMPLAINT",status="IN_PROGRESS"} 1');
    expect(body).toContain('minsheng_cases{kind="DISCLOSURE",status="IN_PROGRESS"} 1');
    expect(body).toContain('minsheng_cases_overdue{kind="DISCLOSURE",department="housing"} 1');
    expect(body).not.toContain('minsheng_cases_overdue{kind="COMPLAINT"');
    expect(body).toMatch(/minsheng_queue_jobs\{queue="notify",state="waiting"\} \d+/);
    expect(body).toMatch(/minsheng_outbox\{state="pending"\} \d+/);
    expect(body).toContain("minsheng_process_resident_memory_bytes");
  });

  it("refuses other addresses unless they bring the token", async () => {
    expect((await fetch(`${closed.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${closed.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(403);
    const ok = await fetch(`${closed.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("minsheng_cases");
    // No socket at all (an in-process request): refused.
    expect((await createHttpApp(open.core).request("/metrics")).status).toBe(403);
  });

  it("rejects a malformed METRICS_ALLOW at start-up, in one line", () => {
    expect(() => loadConfig({ METRICS_ALLOW: "10.0.0.0/99" })).toThrow(/^Invalid configuration: METRICS_ALLOW must be addresses or networks/);
    expect(() => loadConfig({ METRICS_ALLOW: "intranet" })).toThrow(/METRICS_ALLOW/);
  });
});

describe("Bull Board", () => {
  it("shows admins the queues, with its own scripts, read-only", async () => {
    const app = createHttpApp(open.core);
    const admin = await open.core.prisma.staffMember.findFirstOrThrow({ where: { role: "ADMIN" } });
    const cookie = await signIn(open.core, app, admin.id);
    const page = await (await app.request("/web/queues", { headers: { cookie } })).text();
    expect(page).toContain('<base href="/web/queues/" />');
    const script = /src="(static\/js\/main[^"]+\.js)"/.exec(page)![1];
    const js = await app.request(`/web/queues/${script}`, { headers: { cookie } });
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(1000);
    const api = (await (await app.request("/web/queues/api/queues", { headers: { cookie } })).json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(api.queues.map((q) => q.name).sort()).toEqual(["classify", "deadlines", "maintenance", "notify", "route"]);
    expect(api.queues.every((q) => q.readOnlyMode)).toBe(true);
  });
});
