import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { castOf, caseOf, type Cast } from "../helpers/case-fixtures.js";
import { createHttpApp } from "../../http/server.js";
import { csrfOf, signIn } from "./web-helpers.js";

// Issue 13, "Cases": "the legal office marks a sampled case file reviewed with findings
// (程序是否得当、证据是否充分), which goes to the department's supervisor and into the audit trail".
// The supervisor's message goes through the outbox and the workers to the staff bot (emulator).
const HOUSING_SUPERVISOR = 900003;
let stack: Stack;
let app: ReturnType<typeof createHttpApp>;
let cast: Cast;
let legal: { id: number };
let housingCase: { id: number; number: string };

beforeAll(async () => {
  stack = await startStack();
  app = createHttpApp(stack.core);
  cast = await castOf(stack.core);
  legal = await stack.core.prisma.staffMember.create({ data: { telegramId: 880_000_101n, displayName: "法制科 周律", role: "LEGAL_OFFICE" } });
  housingCase = await caseOf(stack.core, cast, "COMPLAINT");
  await stack.core.cases.answer(housingCase.id, cast.handler, "已疏通。");
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const FINDINGS = { procedure: "yes", evidence: "no", findings: "现场照片未入卷，证据不够充分。" };
const post = (cookie: string | undefined, body: Record<string, string>) =>
  app.request(`/web/cases/${housingCase.number}/review`, {
    method: "POST",
    headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
const reviews = () => stack.core.prisma.caseReview.count({ where: { caseId: housingCase.id } });

describe("the legal office's case-file review", () => {
  it("is refused without a session, with a forged cookie, and without or with a wrong CSRF token", async () => {
    expect((await post(undefined, FINDINGS)).status).toBe(401);
    expect((await post(`ms_session=${randomBytes(32).toString("base64url")}`, FINDINGS)).status).toBe(401);
    const cookie = await signIn(stack.core, app, legal.id);
    expect((await post(cookie, FINDINGS)).status).toBe(403);
    expect((await post(cookie, { ...FINDINGS, _csrf: "forged" })).status).toBe(403);
    // Another session's token is not this session's.
    const other = await signIn(stack.core, app, legal.id);
    expect((await post(cookie, { ...FINDINGS, _csrf: await csrfOf(app, other) })).status).toBe(403);
    expect(await reviews()).toBe(0);
  });

  it("is refused for every other role, whose case page has no form", async () => {
    for (const id of [cast.handler.id, cast.supervisor.id, cast.otherHandler.id, cast.admin.id]) {
      const cookie = await signIn(stack.core, app, id);
      const page = await app.request(`/web/cases/${housingCase.number}`, { headers: { cookie } });
      if (page.status === 200) expect(await page.text()).not.toContain('id="review"');
      expect((await post(cookie, { ...FINDINGS, _csrf: await csrfOf(app, cookie) })).status, String(id)).toBe(403);
    }
    expect(await reviews()).toBe(0);
  });

  it("refuses an incomplete form", async () => {
    const cookie = await signIn(stack.core, app, legal.id);
    const _csrf = await csrfOf(app, cookie);
    expect((await post(cookie, { _csrf, procedure: "yes", findings: "x" })).status).toBe(400);
    expect((await post(cookie, { _csrf, procedure: "yes", evidence: "maybe", findings: "x" })).status).toBe(400);
    expect((await post(cookie, { _csrf, procedure: "yes", evidence: "no", findings: "  " })).status).toBe(400);
    expect((await post(cookie, { _csrf, procedure: "yes", evidence: "no", findings: "长".repeat(2001) })).status).toBe(400);
    expect(await reviews()).toBe(0);
  });

  it("records the legal office's findings in the audit trail and tells the department's supervisor in the staff bot", async () => {
    const cookie = await signIn(stack.core, app, legal.id);
    const page = await (await app.request(`/web/cases/${housingCase.number}`, { headers: { cookie } })).text();
    expect(page).toContain('id="review"');
    expect(page).toContain("程序是否得当");
    const res = await post(cookie, { ...FINDINGS, _csrf: await csrfOf(app, cookie) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/web/cases/${housingCase.number}?reviewed=1`);

    const row = await stack.core.prisma.caseReview.findFirstOrThrow({ where: { caseId: housingCase.id } });
    expect(row).toMatchObject({ reviewerId: legal.id, procedureProper: true, evidenceSufficient: false, findings: FINDINGS.findings });
    const event = (await stack.core.cases.events(housingCase.id)).find((e) => e.action === "review_case_file")!;
    expect(event.actor).toBe(`staff:${legal.id}`);
    expect(event.note).toBe(`程序是否得当：是；证据是否充分：否；${FINDINGS.findings}`);

    const message = await stack.staff(HOUSING_SUPERVISOR).expect(new RegExp(`法制机构已评查案卷 ${housingCase.number}`), 20_000);
    expect(message.text).toContain("评查人：法制科 周律");
    expect(message.text).toContain("程序是否得当：是");
    expect(message.text).toContain("证据是否充分：否");
    expect(message.text).toContain(FINDINGS.findings);

    // The case file shows the review, in its history and its review list.
    const after = await (await app.request(`/web/cases/${housingCase.number}?reviewed=1`, { headers: { cookie } })).text();
    expect(after).toContain("评查结果已记录");
    expect(after).toContain("review_case_file");
    expect(after).toContain(FINDINGS.findings);
  }, 40_000);
});
