import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, caseOf, type Cast } from "../helpers/case-fixtures.js";
import { createHttpApp } from "../../http/server.js";
import { signIn } from "./web-helpers.js";

// Issue 13, "Cases": search, the case file with its whole history, exports as JSON and PDF, and
// "anonymous complaints never show identity, even here".
let core: Core;
let cast: Cast;
let app: ReturnType<typeof createHttpApp>;
let admin: string;
let anonymous: { id: number; number: string };
let disclosure: { id: number; number: string };
let named: { id: number; number: string };
const SECRET_NAME = "欧阳秘密";
const SECRET_PHONE = "13612345678";

beforeAll(async () => {
  core = createCore(testConfig());
  await resetDatabase(core.prisma);
  app = createHttpApp(core);
  cast = await castOf(core);
  admin = await signIn(core, app, cast.admin.id);
  // An anonymous complaint, asked, replied to and answered through the case service.
  anonymous = await caseOf(core, cast, "COMPLAINT");
  expect((await core.cases.ask(anonymous.id, cast.handler, "请问具体是几号楼？")).ok).toBe(true);
  expect((await core.cases.citizenReply(anonymous.id, cast.applicant, "3栋东侧")).ok).toBe(true);
  expect((await core.cases.answer(anonymous.id, cast.handler, "已疏通下水道。")).ok).toBe(true);
  // Even if contact data were stored on an anonymous complaint, no page may show it.
  await core.prisma.case.update({ where: { id: anonymous.id }, data: { contactName: SECRET_NAME, contactPhone: SECRET_PHONE } });
  disclosure = await caseOf(core, cast, "DISCLOSURE");
  await core.prisma.case.update({ where: { id: disclosure.id }, data: { anonymous: false } }); // the fixture files every kind anonymously
  named = await caseOf(core, cast, "COMPLAINT", { routed: false });
  await core.prisma.case.update({ where: { id: named.id }, data: { anonymous: false, contactName: "周明", contactPhone: "13511112222", text: "光明街路灯不亮已经两周" } });
  await core.cases.route(named.id, cast.environment.id);
});
afterAll(() => core?.close());

const get = (path: string, cookie = admin) => app.request(path, { headers: { cookie } });
const numbersIn = (html: string) => [...html.matchAll(/href="\/web\/cases\/(MS-\d{4}-\d{6})"/g)].map((m) => m[1]).sort();

describe("case search", () => {
  it("finds by number, text, department, status, kind and date", async () => {
    expect(numbersIn(await (await get(`/web/cases?q=${anonymous.number}`)).text())).toEqual([anonymous.number]);
    expect(numbersIn(await (await get(`/web/cases?q=${encodeURIComponent("路灯")}`)).text())).toEqual([named.number]);
    expect(numbersIn(await (await get("/web/cases?department=environment")).text())).toEqual([named.number]);
    expect(numbersIn(await (await get("/web/cases?status=CLOSED")).text())).toEqual([anonymous.number]);
    expect(numbersIn(await (await get("/web/cases?kind=DISCLOSURE")).text())).toEqual([disclosure.number]);
    expect(numbersIn(await (await get("/web/cases?to=2020-01-01")).text())).toEqual([]);
    expect(numbersIn(await (await get("/web/cases")).text())).toEqual([anonymous.number, disclosure.number, named.number].sort());
  });

  it("keeps a housing handler inside housing", async () => {
    const cookie = await signIn(core, app, cast.handler.id);
    expect(numbersIn(await (await get("/web/cases", cookie)).text())).toEqual([anonymous.number, disclosure.number].sort());
    expect(numbersIn(await (await get(`/web/cases?q=${encodeURIComponent("路灯")}`, cookie)).text())).toEqual([]);
    expect((await get("/web/cases?department=environment", cookie)).status).toBe(403);
  });
});

describe("the case file", () => {
  it("shows the whole history: audit events, relayed messages, the answer", async () => {
    const page = await (await get(`/web/cases/${anonymous.number}`)).text();
    for (const action of ["submit", "route", "accept", "ask", "citizen_reply", "answer"]) expect(page).toContain(`<code>${action}</code>`);
    expect(page).toContain("请问具体是几号楼？");
    expect(page).toContain("3栋东侧");
    expect(page).toContain("已疏通下水道。");
    expect(page).toContain("s1（承办人）");
  });

  it("never shows an anonymous complainant's identity: page, JSON or PDF", async () => {
    const page = await (await get(`/web/cases/${anonymous.number}`)).text();
    const json = await (await get(`/web/cases/${anonymous.number}/export.json`)).text();
    const pdf = pdfText(Buffer.from(await (await get(`/web/cases/${anonymous.number}/export.pdf`)).arrayBuffer()));
    const telegramId = String((await core.prisma.citizen.findUniqueOrThrow({ where: { id: cast.applicant.id } })).telegramId);
    for (const text of [page, json, pdf]) {
      expect(text).not.toContain(SECRET_NAME);
      expect(text).not.toContain(SECRET_PHONE);
      expect(text).not.toContain(telegramId);
    }
    expect(page).toContain("匿名投诉");
    expect(JSON.parse(json).identity).toEqual({ anonymous: true, contactName: null, contactPhone: null, details: null });
  });

  it("masks a disclosure applicant's identity number and shows a named complainant's contact", async () => {
    const page = await (await get(`/web/cases/${disclosure.number}`)).text();
    expect(page).toContain("1101**********4514");
    expect(page).not.toContain("110101199003074514");
    expect(await (await get(`/web/cases/${named.number}`)).text()).toContain("周明 13511112222");
  });

  it("exports a PDF whose extracted text is the case file in Chinese", async () => {
    const res = await get(`/web/cases/${anonymous.number}/export.pdf`);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`${anonymous.number}.pdf`);
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain(`民声案卷 ${anonymous.number}`);
    expect(text).toContain("幸福小区3栋楼下的下水道堵塞一个星期了");
    expect(text).toContain("已疏通下水道。");
    expect(text).toContain("匿名投诉：不显示身份信息");
    expect(text).toMatch(/办理经过（审计记录）[\s\S]*accept/);
  });

  it("answers 404 for an unknown number and 403 for another department's case", async () => {
    expect((await get("/web/cases/MS-2099-000001")).status).toBe(404);
    const cookie = await signIn(core, app, cast.handler.id);
    expect((await get(`/web/cases/${named.number}`, cookie)).status).toBe(403);
    expect((await get(`/web/cases/${named.number}/export.pdf`, cookie)).status).toBe(403);
  });
});

/** The text of a PDF as poppler's pdftotext reads it (installed by .ci/run). */
function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "ms-pdf-")), "case.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}
