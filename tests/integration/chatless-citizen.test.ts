import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import type { StaffActor } from "../../src/cases/permissions.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";

// Issue 14: a citizen with no Telegram account (web form, Open311). Every notice meant for them is
// recorded as undeliverable by chat and kept for the status page; none goes to Telegram, none is
// counted as sent, and a rerun of a job keeps nothing twice. Staff are told as usual.
let api: Awaited<ReturnType<typeof startFakeBotApi>>;
let core: Core;
let now = new Date();
const DAY_MS = 86_400_000;

beforeAll(async () => {
  api = await startFakeBotApi({});
  core = createCore(testConfig({ TELEGRAM_API_ROOT: api.apiRoot }), { now: () => now });
  await resetDatabase(core.prisma);
});
afterAll(async () => {
  for (const name of QUEUE_NAMES) await core?.queues[name].obliterate({ force: true });
  await core?.close();
  await api?.stop();
});

describe("notices for a citizen without a chat", () => {
  it("are kept for the status page and never sent, whatever the notice", async () => {
    const filed = await core.channels.file({
      channel: "web",
      submissionKey: "web:chatless-1",
      serviceCode: "complaint",
      fields: { first_name: "王芳", phone: "13900139000", description: "小区门口的路灯坏了一个月，晚上很黑。", address_string: "幸福路 8 号", attributes: {} },
    });
    if (!filed.ok) throw new Error("not filed");
    const caseId = filed.case.id;
    const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const h = await core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: 900001n } });
    const handler: StaffActor = { kind: "staff", id: h.id, role: h.role, departmentId: h.departmentId, active: true };
    expect((await core.cases.route(caseId, housing.id)).ok).toBe(true);
    expect((await core.cases.accept(caseId, handler)).ok).toBe(true);
    expect((await core.cases.ask(caseId, handler, "请问是哪一盏路灯？")).ok).toBe(true);
    expect((await core.cases.returnToDispatch(caseId, handler, "不属于本部门")).ok).toBe(true);

    const rows = await core.prisma.outboxMessage.findMany({ where: { queue: "notify" }, orderBy: { id: "asc" } });
    const types = rows.map((r) => r.name);
    expect(types).toEqual(expect.arrayContaining(["case_routed", "case_accepted", "question", "case_returned"]));
    let noChat = 0;
    for (const r of rows) {
      const tally = await core.notifier.deliver({ ...(r.payload as object), outboxId: r.id } as never);
      noChat += tally.noChat;
    }
    // Routed, accepted and the question were meant for the citizen.
    expect(noChat).toBe(3);
    const staffChats = new Set([900001, 900002, 900003]);
    expect(api.sent.length).toBeGreaterThan(0);
    expect(api.sent.filter((m) => !staffChats.has(m.chatId))).toEqual([]);

    const deliveries = await core.prisma.notificationDelivery.findMany({ where: { bot: "status_page" } });
    expect(deliveries.map((d) => [d.chatId, d.outcome])).toEqual([
      [BigInt(filed.case.citizenId), "no_chat"],
      [BigInt(filed.case.citizenId), "no_chat"],
      [BigInt(filed.case.citizenId), "no_chat"],
    ]);
    const kept = await core.prisma.citizenNotice.findMany({ where: { caseId }, orderBy: { id: "asc" } });
    expect(kept.map((n) => n.type)).toEqual(["case_routed", "case_accepted", "question"]);
    expect(kept[2].text).toContain("请问是哪一盏路灯？");

    // A rerun of every job: nothing sent again, nothing kept twice.
    const before = api.sent.length;
    for (const r of rows) await core.notifier.deliver({ ...(r.payload as object), outboxId: r.id } as never);
    expect(api.sent.length).toBe(before);
    expect(await core.prisma.citizenNotice.count({ where: { caseId } })).toBe(3);

    // The status page opens with the number and the secret, and only with both.
    expect(await core.channels.statusPage(filed.case.number, "not-the-secret")).toBeNull();
    const page = await core.channels.statusPage(filed.case.number, filed.secret!);
    expect(page?.notices.map((n) => n.type)).toEqual(["case_routed", "case_accepted", "question"]);
  });

  it("go with the case's other personal data when it is anonymised, and the citizen row after it", async () => {
    const filed = await core.channels.file({
      channel: "open311",
      client: "hotline-12345",
      submissionKey: "open311:1:retention",
      serviceCode: "complaint-housing",
      fields: { first_name: "赵强", phone: "13700137000", description: "小区里的健身器材坏了很久没人修。", address_string: "幸福路 9 号", attributes: {} },
    });
    if (!filed.ok) throw new Error("not filed");
    const c = filed.case;
    const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const h = await core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: 900001n } });
    const handler: StaffActor = { kind: "staff", id: h.id, role: h.role, departmentId: h.departmentId, active: true };
    await core.cases.route(c.id, housing.id);
    await core.cases.accept(c.id, handler);
    expect((await core.cases.answer(c.id, handler, "已修好。")).ok).toBe(true);
    for (const r of await core.prisma.outboxMessage.findMany({ where: { queue: "notify" }, orderBy: { id: "asc" } }))
      await core.notifier.deliver({ ...(r.payload as object), outboxId: r.id } as never);
    expect(await core.prisma.citizenNotice.count({ where: { caseId: c.id } })).toBeGreaterThan(0);

    // RETENTION_DAYS (1095 by default) after closing, and a day more.
    now = new Date(Date.now() + 1096 * DAY_MS);
    await core.privacy.runRetention();
    const after = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.anonymisedAt).not.toBeNull();
    expect(after.accessSecretHash).toBeNull();
    expect(await core.prisma.citizenNotice.count({ where: { caseId: c.id } })).toBe(0);
    expect(await core.prisma.citizen.findUnique({ where: { id: c.citizenId } })).toBeNull();
    expect(await core.channels.statusPage(c.number, filed.secret!)).toBeNull();
  });
});
