import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { freePort } from "../helpers/env.js";
import { waitUntil } from "../helpers/wait.js";
import { closeHttpServer, createHttpServer } from "../../http/server.js";

// Issue 14, "An Open311 GeoReport v2 API": the spec's calls (https://wiki.open311.org/GeoReport_v2)
// over real HTTP against the real Postgres and Redis, with the workers routing what is posted.
// Tuesday 1 Dec 2026, 10:00 in Beijing. A complaint's 15 working days (counted by hand from the day
// after receipt, no holiday in December): 2–4, 7–11, 14–18, 21, 22 December → due 22 Dec 2026.
const NOW = new Date("2026-12-01T02:00:00Z");
const HOUSING_HANDLER = 900001;
let stack: Stack;
let server: Server;
let base: string;
let key: string;

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
const COMPLAINT = {
  service_code: "complaint-housing",
  first_name: "明",
  last_name: "刘",
  phone: "138 0013 8000",
  description: "小区楼下的下水道堵塞一个星期了，物业一直不处理，楼道里全是臭水。",
  address_string: "幸福路 12 号幸福小区东门",
};

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  stack = await startStack({ now: () => NOW, env: { WEB_BASE_URL: base } });
  server = createHttpServer(stack.core);
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const issued = await stack.core.apiKeys.issue("hotline-12345");
  if (!issued.ok) throw new Error("no key");
  key = issued.key;
}, 120_000);
afterAll(async () => {
  if (server) await closeHttpServer(server, 100);
  await stack?.stop();
});

describe("Open311 GeoReport v2", () => {
  it("lists the district's request types (GET services.json)", async () => {
    const res = await fetch(`${base}/open311/v2/services.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const services = (await res.json()) as Record<string, unknown>[];
    expect(services.map((s) => s.service_code)).toEqual([
      "complaint",
      "complaint-commerce",
      "complaint-education",
      "complaint-environment",
      "complaint-health",
      "complaint-housing",
      "complaint-labour",
      "complaint-transport",
      "disclosure",
      "mediation",
    ]);
    expect(services.find((s) => s.service_code === "complaint-housing")).toEqual({
      service_code: "complaint-housing",
      service_name: "投诉举报 · 区住房和城乡建设局",
      description: "反映问题、投诉或举报。15 个工作日内答复；涉及安全隐患的 1 个工作日。",
      metadata: true,
      type: "realtime",
      keywords: "投诉举报",
      group: "投诉举报",
    });
    const en = (await (await fetch(`${base}/open311/v2/services.json?locale=en`)).json()) as Record<string, unknown>[];
    expect(en.find((s) => s.service_code === "disclosure")?.service_name).toBe("Government information disclosure request");
  });

  it("describes a service's attributes (GET services/{code}.json)", async () => {
    const res = await fetch(`${base}/open311/v2/services/disclosure.json`);
    expect(res.status).toBe(200);
    const def = (await res.json()) as { service_code: string; attributes: Record<string, unknown>[] };
    expect(def.service_code).toBe("disclosure");
    expect(def.attributes.map((a) => [a.code, a.required])).toEqual([
      ["organisation", false],
      ["id_number", true],
      ["postal_address", true],
      ["form", true],
      ["delivery", true],
    ]);
    expect(def.attributes[3]).toMatchObject({
      variable: true,
      datatype: "singlevaluelist",
      order: 4,
      description: "获取信息的形式",
      values: [
        { key: "electronic", name: "电子文本" },
        { key: "paper", name: "纸质文本" },
      ],
    });
    const missing = await fetch(`${base}/open311/v2/services/parking.json`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ code: 404, description: "没有这个服务代码：parking" }]);
  });

  it("refuses a POST without a key, or with a wrong one (403)", async () => {
    const none = await fetch(`${base}/open311/v2/requests.json`, form(COMPLAINT));
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual([{ code: 403, description: "缺少 api_key 或 api_key 无效（请向区政府管理员申请）" }]);
    const wrong = await fetch(`${base}/open311/v2/requests.json`, form({ ...COMPLAINT, api_key: `ms311_${"A".repeat(43)}` }));
    expect(wrong.status).toBe(403);
    expect(await stack.core.prisma.case.count()).toBe(0);
  });

  it("answers an invalid request with every problem (400)", async () => {
    const res = await fetch(
      `${base}/open311/v2/requests.json`,
      form({ ...COMPLAINT, api_key: key, description: "太吵了", phone: "12345", address_string: "" }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      { code: 400, description: "description: 至少 10 个字（现在 3 个）" },
      { code: 400, description: "address_string: 必须填写" },
      { code: 400, description: "phone: 请填写 11 位手机号码（以 1 开头）" },
    ]);
    const disclosure = await fetch(
      `${base}/open311/v2/requests.json`,
      form({ api_key: key, service_code: "disclosure", first_name: "李华", phone: "13900139000", description: "2026 年本区老旧小区改造项目清单", "attribute[id_number]": "110101199003071234", "attribute[postal_address]": "幸福路 1 号", "attribute[form]": "fax", "attribute[delivery]": "post" }),
    );
    expect(disclosure.status).toBe(400);
    expect(await disclosure.json()).toEqual([
      { code: 400, description: "attribute[id_number]: 身份证号码无效：checksum" },
      { code: 400, description: "attribute[form]: 请从给出的选项中选择" },
    ]);
    const unknown = await fetch(`${base}/open311/v2/requests.json`, form({ ...COMPLAINT, api_key: key, service_code: "parking" }));
    expect(unknown.status).toBe(404);
    expect(await stack.core.prisma.case.count()).toBe(0);
  });

  it("files a POST with a key through the same pipeline as the bot, and GET shows the public outcome only", async () => {
    const res = await fetch(`${base}/open311/v2/requests.json`, form({ ...COMPLAINT, api_key: key }));
    expect(res.status).toBe(201);
    const [receipt] = (await res.json()) as { service_request_id: string; service_notice: string; account_id: null; status_secret: string; status_url: string }[];
    expect(receipt.service_request_id).toBe("MS-2026-000001");
    expect(receipt.service_notice).toContain("答复期限 2026年12月22日");
    expect(receipt.status_secret).toMatch(/^[\w-]{24}$/);
    expect(receipt.status_url).toBe(`${base}/form/status`);
    const number = receipt.service_request_id;

    // The same case as from the bot: number, clock, audit trail naming the API client; a citizen with no chat.
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number }, include: { citizen: true } });
    expect(c).toMatchObject({ kind: "COMPLAINT", contactName: "刘明", contactPhone: "13800138000", anonymous: false, location: COMPLAINT.address_string });
    expect(c.citizen).toMatchObject({ telegramId: null, channel: "open311" });
    expect(c.accessSecretHash).not.toContain(receipt.status_secret);

    // The workers classify and route it; the housing handler's card arrives in the staff bot.
    const card = await stack.staff(HOUSING_HANDLER).expect(new RegExp(number), 30_000);
    expect(card.text).toContain("刘明，13800138000");
    expect(card.text).toContain("经 Open311 接口提交，群众没有 Telegram");
    expect(card.buttons.flat().map((b) => b.text)).toEqual(["签收", "转办", "退回分拨", "申请延期"]);
    const events = await stack.core.cases.events(c.id);
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["submit", "open311:hotline-12345"],
      ["classify", "system"],
      ["route", "system"],
    ]);
    const routed = await stack.core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(routed.dueAt.toISOString().slice(0, 10)).toBe("2026-12-22");

    // The citizen's routing notice has no chat to go to: recorded as such, kept for the status page, never "sent".
    const notice = await waitUntil(() => stack.core.prisma.citizenNotice.findFirst({ where: { caseId: c.id, type: "case_routed" } }), 15_000, "routing notice kept");
    expect(notice.text).toBe(`您的事项 ${number} 已交由「区住房和城乡建设局」办理，答复期限 2026年12月22日。`);
    const deliveries = await stack.core.prisma.notificationDelivery.findMany({ where: { bot: { not: "staff" } } });
    expect(deliveries.map((d) => [d.bot, d.chatId, d.outcome])).toEqual([["status_page", BigInt(c.citizenId), "no_chat"]]);

    const one = await fetch(`${base}/open311/v2/requests/${number}.json`);
    expect(one.status).toBe(200);
    const body = await one.text();
    expect(JSON.parse(body)).toEqual([
      {
        service_request_id: number,
        status: "open",
        status_notes: "办理中：已分派",
        service_name: "投诉举报",
        service_code: "complaint-housing",
        agency_responsible: "区住房和城乡建设局",
        service_notice: null,
        requested_datetime: "2026-12-01T10:00:00+08:00",
        updated_datetime: "2026-12-01T10:00:00+08:00",
        // The end of the due day in Beijing.
        expected_datetime: "2026-12-22T23:59:59+08:00",
      },
    ]);
    // Never a person's data: no name, phone, text or place.
    for (const personal of ["刘明", "13800138000", "下水道", "幸福路"]) expect(body).not.toContain(personal);

    // Answered and closed by the handler: the list shows it closed with its public outcome.
    const handler = await stack.core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: BigInt(HOUSING_HANDLER) } });
    const actor = { kind: "staff" as const, id: handler.id, role: handler.role, departmentId: handler.departmentId, active: true };
    expect((await stack.core.cases.accept(c.id, actor)).ok).toBe(true);
    expect((await stack.core.cases.answer(c.id, actor, "已责成物业三日内疏通下水道。")).ok).toBe(true);
    const list = (await (await fetch(`${base}/open311/v2/requests.json?service_request_id=${number}`)).json()) as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ service_request_id: number, status: "closed", status_notes: "已答复并办结" });
    expect(JSON.stringify(list)).not.toContain("疏通");
    const closed = (await (await fetch(`${base}/open311/v2/requests.json?status=closed&start_date=2026-11-30T00:00:00%2B08:00`)).json()) as Record<string, unknown>[];
    expect(closed.map((r) => r.service_request_id)).toEqual([number]);
    await waitUntil(() => stack.core.prisma.citizenNotice.findFirst({ where: { caseId: c.id, type: "case_answered" } }), 15_000, "answer kept");
  });

  it("files a disclosure request and a mediation application with what the bot's intake records (JSON body)", async () => {
    const post = (body: unknown) =>
      fetch(`${base}/open311/v2/requests.json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const disclosure = await post({
      api_key: key,
      service_code: "disclosure",
      last_name: "李",
      first_name: "华",
      phone: "139-0013-9000",
      description: "2026 年本区老旧小区改造项目清单及资金安排",
      attribute: { id_number: "11010519491231002x", postal_address: "幸福路 1 号 2 单元", form: "electronic", delivery: "email" },
    });
    expect(disclosure.status).toBe(201);
    const [d] = (await disclosure.json()) as { service_request_id: string }[];
    const dc = await stack.core.prisma.case.findUniqueOrThrow({ where: { number: d.service_request_id } });
    expect(dc).toMatchObject({ kind: "DISCLOSURE", contactName: "李华", contactPhone: "13900139000", text: "2026 年本区老旧小区改造项目清单及资金安排" });
    expect(dc.details).toMatchObject({ name: "李华", idNumber: "11010519491231002X", phone: "13900139000", address: "幸福路 1 号 2 单元", form: "electronic", delivery: "email" });

    const mediation = await post({
      api_key: key,
      service_code: "mediation",
      first_name: "陈静",
      phone: "13600136000",
      description: "楼上邻居装修每天早上七点开始砸墙，多次沟通无果。",
      attribute: { other_party_name: "楼上住户", other_party_contact: "幸福路 12 号 502 室", dispute_type: "neighbours", request: "规定施工时间", people: 12 },
    });
    expect(mediation.status).toBe(201);
    const [m] = (await mediation.json()) as { service_request_id: string }[];
    const mc = await stack.core.prisma.case.findUniqueOrThrow({ where: { number: m.service_request_id } });
    expect(mc).toMatchObject({ kind: "MEDIATION", contactName: "陈静", contactPhone: "13600136000" });
    // 12 people reaches MEDIATION_MANY_PEOPLE (10): flagged for proactive handling, as from the bot.
    expect(mc.details).toMatchObject({ otherParty: { name: "楼上住户", contact: "幸福路 12 号 502 室" }, disputeType: "neighbours", request: "规定施工时间", people: 12, proactive: true });
    // The same Idempotency-Key files one case.
    const again = (h: string) =>
      fetch(`${base}/open311/v2/requests.json`, { ...form({ ...COMPLAINT, api_key: key }), headers: { "content-type": "application/x-www-form-urlencoded", "idempotency-key": h } });
    const first = await again("retry-1");
    const second = await again("retry-1");
    expect([first.status, second.status]).toEqual([201, 200]);
    const [a, b] = [((await first.json()) as { service_request_id: string }[])[0], ((await second.json()) as { service_request_id: string; status_secret: null }[])[0]];
    expect(b).toMatchObject({ service_request_id: a.service_request_id, status_secret: null });
    // GET tokens/{token}: the POST's token (here its Idempotency-Key) gives the request id; another token is a 404.
    expect(a).toMatchObject({ token: "retry-1" });
    const byToken = await fetch(`${base}/open311/v2/tokens/retry-1.json`);
    expect(byToken.status).toBe(200);
    expect(await byToken.json()).toEqual([{ service_request_id: a.service_request_id, token: "retry-1" }]);
    const unknown = await fetch(`${base}/open311/v2/tokens/no-such-token.json`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ code: 404, description: "没有这个 token：no-such-token" }]);
  });

  it("answers an unknown request and an unknown endpoint in the spec's format (404)", async () => {
    const res = await fetch(`${base}/open311/v2/requests/MS-2026-999999.json`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: "没有编号为 MS-2026-999999 的事项" }]);
    const xml = await fetch(`${base}/open311/v2/services.xml`);
    expect(xml.status).toBe(404);
    expect(((await xml.json()) as { code: number }[])[0].code).toBe(404);
  });

  // Last: the server answers before reading the body, so the client's connection is closed under it.
  it("refuses a body over 64 KB unread (413)", async () => {
    const huge = await fetch(`${base}/open311/v2/requests.json`, form({ ...COMPLAINT, api_key: key, description: "很".repeat(30_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual([{ code: 413, description: "请求体超过 65,536 字节" }]);
  });
});
