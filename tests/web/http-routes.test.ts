import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, caseOf } from "../helpers/case-fixtures.js";
import { createHttpApp } from "../../http/server.js";

// The routes the HTTP process had before it moved onto Hono (issue 13 (1)), answered as before.
let core: Core;
beforeAll(async () => {
  core = createCore(testConfig());
  await resetDatabase(core.prisma);
});
afterAll(() => core?.close());

describe("http routes", () => {
  it("answers /healthz and /readyz, and 404 with the route named", async () => {
    const app = createHttpApp(core);
    expect(await (await app.request("/healthz")).json()).toEqual({ ok: true });
    expect(await (await app.request("/readyz")).json()).toEqual({ ok: true });
    const missing = await app.request("/nothing-here");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ ok: false, error: "no route GET /nothing-here" });
    // Without webhook mode the webhook paths do not exist.
    expect((await app.request("/telegram/citizen", { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("/figures counts open, overdue and closed cases per department", async () => {
    const cast = await castOf(core);
    await caseOf(core, cast, "COMPLAINT");
    const late = await caseOf(core, cast, "COMPLAINT");
    await core.prisma.case.update({ where: { id: late.id }, data: { dueAt: new Date(Date.now() - 86_400_000) } });
    await caseOf(core, cast, "COMPLAINT", { routed: false });
    const body = (await (await createHttpApp(core).request("/figures")).json()) as {
      departments: { code: string; open: number; overdue: number; closed: number }[];
      unassigned: { open: number; overdue: number };
    };
    expect(body.departments.find((d) => d.code === "housing")).toMatchObject({ open: 2, overdue: 1, closed: 0 });
    expect(body.departments.find((d) => d.code === "environment")).toMatchObject({ open: 0, overdue: 0 });
    expect(body.unassigned.open).toBe(1);
  });
});
