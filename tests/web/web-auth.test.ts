import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, caseOf, type Cast } from "../helpers/case-fixtures.js";
import { createHttpApp } from "../../http/server.js";
import { csrfOf, redeem, sessionCookie, signIn } from "./web-helpers.js";

// Issue 13, "Sign-in without passwords" and "every page and export checks the role server-side".
// The clock is the test's: a link lives WEB_LINK_TTL_MINUTES = 5, a session WEB_SESSION_HOURS = 8.
let clock = new Date("2026-11-20T02:00:00Z");
let core: Core;
let app: ReturnType<typeof createHttpApp>;
let cast: Cast;
let legal: { id: number };
let housingCase: { id: number; number: string };
let environmentCase: { id: number; number: string };

beforeAll(async () => {
  core = createCore(testConfig({ WEB_LINK_TTL_MINUTES: "5", WEB_SESSION_HOURS: "8" }), { now: () => clock });
  await resetDatabase(core.prisma);
  app = createHttpApp(core);
  cast = await castOf(core);
  legal = await core.prisma.staffMember.create({ data: { telegramId: 880_000_001n, displayName: "法制科", role: "LEGAL_OFFICE" } });
  housingCase = await caseOf(core, cast, "COMPLAINT");
  const env = await caseOf(core, cast, "COMPLAINT", { routed: false });
  await core.cases.route(env.id, cast.environment.id);
  environmentCase = env;
});
afterAll(() => core?.close());

const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });

/**
 * Every page and export, with whose it is: `dept` names the department whose data it shows (its
 * handlers and supervisors may open it, and admin and legal office), null for a page every
 * signed-in role sees in its own scope; `adminOnly` for the queue dashboard, `districtOnly` for
 * the district's annual report (admin and legal office).
 */
const PAGES: { path: () => string; dept: "housing" | "environment" | null; adminOnly?: true; districtOnly?: true }[] = [
  { path: () => "/web/report", dept: null, districtOnly: true },
  { path: () => "/web/report.xlsx", dept: null, districtOnly: true },
  { path: () => "/web/figures", dept: null },
  { path: () => "/web/figures?department=housing", dept: "housing" },
  { path: () => "/web/figures?department=environment", dept: "environment" },
  { path: () => "/web/queues", dept: null, adminOnly: true },
  { path: () => "/web/queues/api/queues", dept: null, adminOnly: true },
  { path: () => "/web/cases", dept: null },
  { path: () => "/web/cases?department=housing", dept: "housing" },
  { path: () => "/web/cases?department=environment", dept: "environment" },
  ...(["housing", "environment"] as const).flatMap((dept) =>
    ["", "/export.json", "/export.pdf"].map((suffix) => ({
      path: () => `/web/cases/${(dept === "housing" ? housingCase : environmentCase).number}${suffix}`,
      dept,
    })),
  ),
];

describe("web desk sign-in", () => {
  it("signs in once with a /web link: GET shows a button only, POST sets an httpOnly SameSite=Lax cookie", async () => {
    const staff = await core.prisma.staffMember.findUniqueOrThrow({ where: { id: cast.supervisor.id } });
    const link = (await core.webAuth.issueLink(staff))!;
    const shown = await get(`/web/login?token=${link.token}`);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('id="sign-in"');
    expect(sessionCookie(shown)).toBeNull();
    const res = await redeem(app, link.token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/web/figures");
    const set = res.headers.get("set-cookie")!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).not.toMatch(/Secure/i); // plain http here; behind https see the next test
    expect((await get("/web/figures", sessionCookie(res)!)).status).toBe(200);
    // Reused link: refused, and no second session.
    const again = await redeem(app, link.token);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("已经使用过");
    expect(sessionCookie(again)).toBeNull();
  });

  it("marks the cookie Secure behind https", async () => {
    const staff = await core.prisma.staffMember.findUniqueOrThrow({ where: { id: cast.admin.id } });
    const link = (await core.webAuth.issueLink(staff))!;
    const res = await app.request("https://desk.example/web/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: link.token }).toString(),
    });
    expect(res.headers.get("set-cookie")).toMatch(/Secure/i);
  });

  it("refuses an expired link (5 minutes), an unknown one, and a dispatcher or hotline operator (no web desk)", async () => {
    const staff = await core.prisma.staffMember.findUniqueOrThrow({ where: { id: cast.handler.id } });
    const link = (await core.webAuth.issueLink(staff))!;
    clock = new Date(clock.getTime() + 5 * 60_000); // exactly 5 minutes later: expired
    const res = await redeem(app, link.token);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("已过期");
    expect((await redeem(app, randomBytes(32).toString("base64url"))).status).toBe(400);
    const dispatcher = await core.prisma.staffMember.findUniqueOrThrow({ where: { id: cast.dispatcher.id } });
    expect(await core.webAuth.issueLink(dispatcher)).toBeNull();
    // A hotline operator works in the staff bot only (the demo one, prisma/seed-data.ts).
    const operator = await core.prisma.staffMember.findFirstOrThrow({ where: { role: "OPERATOR" } });
    expect(await core.webAuth.issueLink(operator)).toBeNull();
  });

  it("answers 401 without a session, with a forged cookie, and after the session's 8 hours", async () => {
    for (const p of PAGES) expect((await get(p.path())).status, p.path()).toBe(401);
    expect((await get("/web/figures", `ms_session=${randomBytes(32).toString("base64url")}`)).status).toBe(401);
    expect((await get("/web/figures", "ms_session=")).status).toBe(401);
    const cookie = await signIn(core, app, cast.admin.id);
    clock = new Date(clock.getTime() + 8 * 3_600_000 - 1000);
    expect((await get("/web/figures", cookie)).status).toBe(200);
    clock = new Date(clock.getTime() + 1000);
    expect((await get("/web/figures", cookie)).status).toBe(401);
  });

  it("ends a session whose staff member was deactivated or changed role", async () => {
    const s = await core.prisma.staffMember.create({ data: { telegramId: 880_000_002n, displayName: "临时", role: "HANDLER", departmentId: cast.housing.id } });
    const cookie = await signIn(core, app, s.id);
    await core.prisma.staffMember.update({ where: { id: s.id }, data: { role: "SUPERVISOR" } });
    expect((await get("/web/figures", cookie)).status).toBe(401);
  });

  it("signs out only with the session's CSRF token, and the cookie is dead after", async () => {
    const cookie = await signIn(core, app, cast.supervisor.id);
    const post = (body: Record<string, string>) =>
      app.request("/web/logout", { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body).toString() });
    expect((await post({})).status).toBe(403);
    expect((await post({ _csrf: "forged" })).status).toBe(403);
    expect((await get("/web/figures", cookie)).status).toBe(200);
    expect((await post({ _csrf: await csrfOf(app, cookie) })).status).toBe(200);
    expect((await get("/web/figures", cookie)).status).toBe(401);
  });
});

describe("web desk authorization: each role × each page and export", () => {
  const roles = [
    { name: "handler (housing)", id: () => cast.handler.id, scope: "housing" },
    { name: "supervisor (housing)", id: () => cast.supervisor.id, scope: "housing" },
    { name: "handler (environment)", id: () => cast.otherHandler.id, scope: "environment" },
    { name: "admin", id: () => cast.admin.id, scope: "all", admin: true },
    { name: "legal office", id: () => legal.id, scope: "all" },
  ] as const;

  for (const role of roles) {
    it(role.name, async () => {
      const cookie = await signIn(core, app, role.id());
      for (const p of PAGES) {
        const path = p.path();
        const allowed = p.adminOnly ? "admin" in role : p.districtOnly ? role.scope === "all" : role.scope === "all" || p.dept === null || p.dept === role.scope;
        expect((await get(path, cookie)).status, `${role.name} ${path}`).toBe(allowed ? 200 : 403);
      }
    });
  }
});
