import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import type { Prisma as P } from "../../src/generated/prisma/client.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, type Cast } from "../helpers/case-fixtures.js";
import { createHttpApp } from "../../http/server.js";
import { csrfOf, signIn } from "./web-helpers.js";

// Issue 13, "The annual disclosure report … with reconsideration and lawsuit counts": section 四
// "政府信息公开行政复议、行政诉讼情况" of the 国办公开办函〔2021〕30号 table (条例 art. 50), for a seeded
// year counted by hand. Year 2026 in Beijing time = [2025-12-31T16:00Z, 2026-12-31T16:00Z).
let core: Core;
let cast: Cast;
let app: ReturnType<typeof createHttpApp>;
let legal: { id: number };
let disclosure: { id: number; number: string };
let complaint: { id: number; number: string };
let n = 0;

async function kase(data: Partial<P.CaseUncheckedCreateInput> & { kind: P.CaseUncheckedCreateInput["kind"] }) {
  n++;
  return core.prisma.case.create({
    data: {
      number: `MS-2026-9${String(n).padStart(5, "0")}`, submissionKey: `rem-${n}`, status: "CLOSED", citizenId: cast.applicant.id,
      departmentId: cast.housing.id, text: "x", dueAt: new Date("2027-03-01T00:00:00Z"), ...data,
    },
  });
}

/** A reconsideration received `created`, decided `closed` (or open), of the case `from`. */
const rc = (created: string, closed: string | null, from: number | undefined, decision?: string, outcome?: string) =>
  kase({
    kind: "RECONSIDERATION", status: closed ? "CLOSED" : "IN_PROGRESS", createdAt: new Date(created), closedAt: closed ? new Date(closed) : null, outcome: outcome ?? null,
    details: { ...(from === undefined ? {} : { fromCaseId: from }), ...(decision ? { decision: { type: decision, text: "决定", approvedById: 1 } } : {}) },
  });

const lawsuit = (after: boolean, filed: string, result: string | null, decided: string | null) =>
  core.prisma.disclosureLawsuit.create({
    data: { caseId: disclosure.id, afterReconsideration: after, filedOn: new Date(filed), result, decidedOn: decided ? new Date(decided) : null, recordedById: legal.id },
  });

beforeAll(async () => {
  core = createCore(testConfig(), { now: () => new Date("2026-12-31T10:00:00Z") });
  await resetDatabase(core.prisma);
  app = createHttpApp(core);
  cast = await castOf(core);
  legal = await core.prisma.staffMember.create({ data: { telegramId: 880_000_201n, displayName: "法制科", role: "LEGAL_OFFICE" } });
  disclosure = await kase({ kind: "DISCLOSURE", createdAt: new Date("2026-01-05T02:00:00Z"), closedAt: new Date("2026-01-20T02:00:00Z"), replyType: "not_disclosed" });
  complaint = await kase({ kind: "COMPLAINT", createdAt: new Date("2026-01-05T02:00:00Z"), closedAt: new Date("2026-01-06T02:00:00Z") });
  const d = disclosure.id;
  await rc("2026-02-01T02:00:00Z", "2026-04-01T02:00:00Z", d, "uphold"); // R1: 结果维持
  await rc("2026-03-01T02:00:00Z", "2026-05-01T02:00:00Z", d, "dismiss"); // R2: 驳回 → 结果维持
  await rc("2026-04-01T02:00:00Z", "2026-06-01T02:00:00Z", d, "revoke"); // R3: 结果纠正
  await rc("2026-05-01T02:00:00Z", "2026-06-15T02:00:00Z", d, undefined, "not_accepted"); // R4: 不予受理 → 其他结果
  await rc("2026-11-01T02:00:00Z", null, d); // R5: open at the year's end → 尚未审结
  await rc("2025-11-01T02:00:00Z", "2026-01-10T02:00:00Z", d, "confirm_illegal"); // R6: from 2025, decided 2026 → 结果纠正
  await rc("2025-06-01T02:00:00Z", "2025-09-01T02:00:00Z", d, "uphold"); // R7: decided in 2025: not counted
  await rc("2026-06-01T02:00:00Z", "2026-07-01T02:00:00Z", undefined, "uphold"); // R8: not about a disclosure answer: not counted
  await rc("2026-12-31T16:00:00Z", null, d); // R9: 2027-01-01 00:00 Beijing: not this year
  await rc("2025-12-01T02:00:00Z", "2026-12-31T16:30:00Z", d, "uphold"); // R10: decided 2027-01-01 00:30 Beijing → 尚未审结 at 2026's end
  await rc("2026-02-01T02:00:00Z", "2026-03-01T02:00:00Z", complaint.id, "uphold"); // R11: of a complaint: not counted
  await lawsuit(false, "2025-09-30T16:00:00Z", "corrected", "2026-01-31T16:00:00Z"); // L3: filed 2025, decided 2026 → 直接起诉 纠正
  await lawsuit(false, "2024-12-31T16:00:00Z", "upheld", "2025-05-31T16:00:00Z"); // L4: decided 2025: not counted
  await lawsuit(true, "2026-04-30T16:00:00Z", "other", "2026-09-30T16:00:00Z"); // L5: 复议后起诉 其他
  await lawsuit(true, "2026-05-31T16:00:00Z", "corrected", "2027-01-04T16:00:00Z"); // L6: decided 2027 → 复议后起诉 尚未审结
  await lawsuit(true, "2027-01-01T16:00:00Z", null, null); // L7: filed 2027: not counted
  // L1 and L2 are recorded through the case page below.
});
afterAll(() => core?.close());

// By hand — reconsideration: 维持 R1 R2 = 2, 纠正 R3 R6 = 2, 其他 R4 = 1, 尚未审结 R5 R10 = 2, 总计 7.
// Lawsuits direct: 维持 L1, 纠正 L3, 其他 0, 尚未审结 L2, 总计 3. After reconsideration: 其他 L5, 尚未审结 L6, 总计 2.
const EXPECTED = [2, 2, 1, 2, 7, 1, 1, 0, 1, 3, 0, 0, 1, 1, 2];

const post = (cookie: string | undefined, number: string, body: Record<string, string>) =>
  app.request(`/web/cases/${number}/lawsuits`, {
    method: "POST",
    headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });

describe("lawsuits recorded on a disclosure request's case page", () => {
  it("are recorded and updated by the legal office and administrators only, with CSRF, in the audit trail", async () => {
    const L2 = { filedOn: "2026-04-10", after: "no", result: "pending", decidedOn: "" };
    expect((await post(undefined, disclosure.number, L2)).status).toBe(401);
    for (const id of [cast.handler.id, cast.supervisor.id]) {
      const cookie = await signIn(core, app, id);
      expect((await post(cookie, disclosure.number, { ...L2, _csrf: await csrfOf(app, cookie) })).status).toBe(403);
    }
    const cookie = await signIn(core, app, legal.id);
    const _csrf = await csrfOf(app, cookie);
    expect((await post(cookie, disclosure.number, L2)).status).toBe(403); // no CSRF token
    expect((await post(cookie, complaint.number, { ...L2, _csrf })).status).toBe(403); // not a disclosure request
    expect((await post(cookie, disclosure.number, { ...L2, result: "upheld", _csrf })).status).toBe(400); // a result needs its date
    expect((await post(cookie, disclosure.number, { ...L2, _csrf })).status).toBe(303); // L2
    const admin = await signIn(core, app, cast.admin.id);
    expect((await post(admin, disclosure.number, { filedOn: "2026-03-10", after: "no", result: "pending", _csrf: await csrfOf(app, admin) })).status).toBe(303);
    // The court decides L1: its row updated through its own form.
    const l1 = await core.prisma.disclosureLawsuit.findFirstOrThrow({ where: { filedOn: new Date("2026-03-09T16:00:00Z") } });
    const page = await (await app.request(`/web/cases/${disclosure.number}`, { headers: { cookie } })).text();
    expect(page).toContain(`name="id" value="${l1.id}"`);
    expect((await post(cookie, disclosure.number, { id: String(l1.id), filedOn: "2026-03-10", after: "no", result: "upheld", decidedOn: "2026-09-01", _csrf })).status).toBe(303);
    expect(await core.prisma.disclosureLawsuit.findUniqueOrThrow({ where: { id: l1.id } })).toMatchObject({ result: "upheld", decidedOn: new Date("2026-08-31T16:00:00Z") });
    const events = (await core.cases.events(disclosure.id)).filter((e) => e.action === "record_lawsuit");
    expect(events.map((e) => e.note)).toEqual(["未经复议直接起诉 2026-04-10", "未经复议直接起诉 2026-03-10", "未经复议直接起诉 2026-03-10 → upheld 2026-09-01"]);
  });
});

describe("the annual report's section 四 (reconsideration and lawsuits)", () => {
  it("counts the year by hand on the page", async () => {
    const cookie = await signIn(core, app, cast.admin.id);
    const page = await (await app.request("/web/report?year=2026", { headers: { cookie } })).text();
    expect(page).toContain("四、政府信息公开行政复议、行政诉讼情况");
    const row = /<table id="report-remedies">[\s\S]*?<tbody><tr>([\s\S]*?)<\/tr>/.exec(page)![1];
    expect([...row.matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual(EXPECTED);
  });

  it("puts it on its own sheet of the .xlsx in the official layout", async () => {
    const cookie = await signIn(core, app, legal.id);
    const res = await app.request("/web/report.xlsx?year=2026", { headers: { cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[1];
    expect(ws.name).toBe("四、政府信息公开行政复议、行政诉讼情况");
    expect(ws.getCell(2, 1).value).toBe("行政复议");
    expect(ws.getCell(2, 6).value).toBe("行政诉讼");
    expect(ws.getCell(3, 6).value).toBe("未经复议直接起诉");
    expect(ws.getCell(3, 11).value).toBe("复议后起诉");
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(3, c).value)).toEqual(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]);
    expect([6, 10, 11, 15].map((c) => ws.getCell(4, c).value)).toEqual(["结果维持", "总计", "结果维持", "总计"]);
    expect(Array.from({ length: 15 }, (_, i) => ws.getCell(5, i + 1).value)).toEqual(EXPECTED);
    // Section 三 is still the first sheet.
    expect(wb.worksheets[0].name).toBe("三、收到和处理政府信息公开申请情况");
  });
});
