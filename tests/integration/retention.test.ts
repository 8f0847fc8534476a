import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { ANONYMISED, ARCHIVE_TELEGRAM_ID, scrubDetails } from "../../src/privacy/anonymise.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";

const DAY = 86_400_000;
const RETENTION_DAYS = 1095;

let api: Awaited<ReturnType<typeof startFakeBotApi>>;
let core: Core;
let now = new Date();
const retention = () => createMaintenanceProcessor(core)({ data: { task: "retention" }, id: "retention" } as unknown as Job<{ task: "retention" }>);

beforeAll(async () => {
  api = await startFakeBotApi();
  core = createCore(testConfig({ TELEGRAM_API_ROOT: api.apiRoot }), { now: () => now });
});
beforeEach(async () => {
  now = new Date();
  await resetDatabase(core.prisma);
});
afterEach(async () => {
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core.close();
  await api.stop();
});

/** A disclosure request with everything personal a case can hold, closed `daysAgo` days ago with an answer and relayed messages. */
async function closedCase(telegramId: number, daysAgo: number) {
  const citizen = await core.citizens.ensure(telegramId);
  const { case: c } = await core.cases.submit({
    submissionKey: `retention-${telegramId}-${daysAgo}`,
    citizenId: citizen.id,
    kind: "DISCLOSURE",
    text: "幸福小区改造工程的施工合同",
    location: "幸福路 12 号",
    attachments: ["photo-file-id"],
    anonymous: false,
    contactName: "赵敏",
    contactPhone: "13911112222",
    details: { name: "赵敏", idNumber: "11010519491231002X", phone: "13911112222", address: "zhaomin@example.com", form: "electronic", delivery: "email" },
  });
  const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
  const closedAt = new Date(now.getTime() - daysAgo * DAY);
  await core.prisma.case.update({
    where: { id: c.id },
    data: { status: "CLOSED", departmentId: housing.id, closedAt, answer: "同意公开，见附件。", replyType: "already_public", satisfied: true, outcome: null },
  });
  await core.prisma.caseMessage.createMany({
    data: [
      { caseId: c.id, direction: "TO_CITIZEN", text: "请问您要哪一年的合同？" },
      { caseId: c.id, direction: "FROM_CITIZEN", text: "2025 年的，我的电话 13911112222" },
    ],
  });
  await core.prisma.caseEvent.create({
    data: { caseId: c.id, actor: "staff:1", action: "answer", fromStatus: "IN_PROGRESS", toStatus: "CLOSED", note: "public: 同意公开，见附件。" },
  });
  return { citizen, c: await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } }) };
}

describe("retention (PIPL art. 19: kept no longer than needed)", () => {
  it("anonymises a case closed RETENTION_DAYS+1 days ago, not one closed yesterday, with an audit event, and a rerun changes nothing", async () => {
    expect(core.config.RETENTION_DAYS).toBe(RETENTION_DAYS);
    const old = await closedCase(70001, RETENTION_DAYS + 1);
    const recent = await closedCase(70002, 1);
    // Old but still open: its data is still needed to work it.
    const openOld = await closedCase(70003, RETENTION_DAYS + 10);
    await core.prisma.case.update({ where: { id: openOld.c.id }, data: { status: "IN_PROGRESS", closedAt: null } });

    await retention();

    const a = await core.prisma.case.findUniqueOrThrow({ where: { id: old.c.id }, include: { citizen: true } });
    expect(a.anonymisedAt).not.toBeNull();
    expect(a.text).toBe(ANONYMISED);
    expect(a.answer).toBe(ANONYMISED);
    expect([a.contactName, a.contactPhone, a.location]).toEqual([null, null, null]);
    expect(a.attachments).toEqual([]);
    expect(a.details).toEqual({ name: ANONYMISED, idNumber: ANONYMISED, phone: ANONYMISED, address: ANONYMISED, form: "electronic", delivery: "email" });
    // Nothing links it to a Telegram account any more.
    expect(a.citizen.telegramId).toBe(ARCHIVE_TELEGRAM_ID);
    expect(a.submissionKey).toBe(`anonymised:${a.id}`);
    // What statistics need stays.
    expect({ kind: a.kind, status: a.status, departmentId: a.departmentId, replyType: a.replyType, satisfied: a.satisfied, priority: a.priority })
      .toEqual({ kind: "DISCLOSURE", status: "CLOSED", departmentId: old.c.departmentId, replyType: "already_public", satisfied: true, priority: "NORMAL" });
    expect([a.createdAt, a.closedAt, a.dueAt, a.number]).toEqual([old.c.createdAt, old.c.closedAt, old.c.dueAt, old.c.number]);
    const messages = await core.prisma.caseMessage.findMany({ where: { caseId: a.id } });
    expect(messages.map((m) => m.text)).toEqual([ANONYMISED, ANONYMISED]);
    const events = await core.cases.events(a.id);
    expect(events.find((e) => e.action === "answer")?.note).toBe(ANONYMISED);
    expect(events.filter((e) => e.action === "anonymised")).toEqual([
      expect.objectContaining({ actor: "system", fromStatus: "CLOSED", toStatus: "CLOSED", note: `retention: closed more than ${RETENTION_DAYS} days ago` }),
    ]);
    // No personal value left anywhere in the case's rows.
    const dump = JSON.stringify([a, messages, events], (_k, v) => (typeof v === "bigint" ? String(v) : v));
    for (const personal of ["赵敏", "13911112222", "11010519491231002X", "幸福路", "photo-file-id", "同意公开", "zhaomin"]) expect(dump).not.toContain(personal);

    for (const kept of [recent, openOld]) {
      const k = await core.prisma.case.findUniqueOrThrow({ where: { id: kept.c.id } });
      expect(k.anonymisedAt).toBeNull();
      expect(k.text).toBe("幸福小区改造工程的施工合同");
      expect(k.contactName).toBe("赵敏");
      expect(k.citizenId).toBe(kept.citizen.id);
      expect((await core.cases.events(k.id)).some((e) => e.action === "anonymised")).toBe(false);
    }

    // Idempotent: a second run (or a second worker) changes nothing.
    const before = await core.prisma.case.findMany({ orderBy: { id: "asc" } });
    const eventsBefore = await core.prisma.caseEvent.count();
    const again = await core.privacy.runRetention();
    expect(again.anonymised).toBe(0);
    expect(await core.prisma.case.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await core.prisma.caseEvent.count()).toBe(eventsBefore);
  });

  it("deletes citizens with no cases and no activity for the period, keeps the others", async () => {
    const long = Date.now() - (RETENTION_DAYS + 1) * DAY;
    const idle = await core.citizens.ensure(71001);
    await core.citizens.ensure(71002); // seen just now
    const withCase = await closedCase(71003, 1);
    const otherParty = await core.citizens.ensure(71004);
    await core.prisma.case.update({ where: { id: withCase.c.id }, data: { otherPartyCitizenId: otherParty.id } });
    // Their only case is anonymised in the same run: then they have none left.
    const onlyOld = await closedCase(71005, RETENTION_DAYS + 1);
    for (const c of [idle, withCase.citizen, otherParty, onlyOld.citizen]) {
      await core.prisma.citizen.update({ where: { id: c.id }, data: { lastSeenAt: new Date(long) } });
    }
    await core.prisma.notificationDelivery.createMany({
      data: [
        { outboxId: 1, bot: "citizen", chatId: 71001n, outcome: "sent", createdAt: new Date(long) },
        { outboxId: 2, bot: "citizen", chatId: 71002n, outcome: "sent" },
      ],
    });

    const r = await core.privacy.runRetention();

    const left = (await core.prisma.citizen.findMany()).map((c) => c.telegramId);
    expect(left).not.toContain(71001n);
    expect(left).not.toContain(71005n);
    expect(left).toEqual(expect.arrayContaining([71002n, 71003n, 71004n, ARCHIVE_TELEGRAM_ID]));
    expect(r).toMatchObject({ anonymised: 1, citizensDeleted: 2, deliveriesDeleted: 1 });
    expect(await core.prisma.notificationDelivery.count()).toBe(1);
  });

  it("deletes a case's photos and documents with its personal data, and files never filed once their form would have expired", async () => {
    const FORM_TTL_DAYS = 7; // FORM_STATE_TTL_DAYS' default
    const old = await closedCase(72001, RETENTION_DAYS + 1);
    const recent = await closedCase(72002, 1);
    const file = (caseId: number | null, createdAt = new Date()) => ({
      caseId,
      kind: "photo",
      source: "citizen",
      senderId: old.citizen.id,
      mimeType: "image/jpeg",
      size: 3,
      data: new Uint8Array([1, 2, 3]),
      sourceUniqueId: `u-${caseId}-${createdAt.getTime()}`,
      createdAt,
    });
    await core.prisma.mediaFile.createMany({
      data: [
        file(old.c.id),
        file(recent.c.id),
        // A form abandoned 8 days ago (wall clock, as its state's age is read), and one sent just now.
        file(null, new Date(Date.now() - (FORM_TTL_DAYS + 1) * DAY)),
        file(null),
      ],
    });
    const r = await core.privacy.runRetention();
    expect(r).toMatchObject({ anonymised: 1, mediaExpired: 1 });
    const left = await core.prisma.mediaFile.findMany({ orderBy: { id: "asc" } });
    expect(left.map((f) => f.caseId)).toEqual([recent.c.id, null]);
    expect(left[1].createdAt.getTime()).toBeGreaterThan(Date.now() - DAY);
  });

  it("scrubs every personal field of details, including a mediation's other party, and keeps the statistical ones", () => {
    expect(
      scrubDetails({
        applicantName: "李四",
        applicantPhone: "13800000000",
        otherParty: { name: "王五", contact: "13900000000" },
        disputeType: "neighbours",
        request: "赔偿漏水损失",
        people: 2,
        proactive: false,
        otherPartyAnswer: "accepted",
        carriedOut: true,
        somethingNew: ["x"],
        age: 40,
      }),
    ).toEqual({
      applicantName: ANONYMISED,
      applicantPhone: ANONYMISED,
      otherParty: { name: ANONYMISED, contact: ANONYMISED },
      disputeType: "neighbours",
      request: ANONYMISED,
      people: 2,
      proactive: false,
      otherPartyAnswer: "accepted",
      carriedOut: true,
      somethingNew: [],
      age: null,
    });
  });
});
