import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent, fileUntilSummary, submit } from "../helpers/flows.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { ANONYMISED, ARCHIVE_TELEGRAM_ID } from "../../src/privacy/anonymise.js";
import { conversationKey } from "../../src/privacy/privacy-service.js";

const HOUSING_HANDLER = 900001;
const HOUSING_SUPERVISOR = 900003;
const DAY = 86_400_000;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const retentionJob = () =>
  createMaintenanceProcessor(stack.core)({ data: { task: "retention" }, id: "retention" } as unknown as Job<{ task: "retention" }>);
const citizenRow = (telegramId: number) => stack.core.prisma.citizen.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } });
const formState = (telegramId: number) => stack.core.prisma.botState.findUnique({ where: { key: conversationKey("citizen", telegramId) } });
/** The form was last touched `days` ago (as if the citizen walked away then). */
const ageForm = (telegramId: number, days: number) =>
  stack.core.prisma.botState.update({ where: { key: conversationKey("citizen", telegramId) }, data: { updatedAt: new Date(Date.now() - days * DAY) } });

describe("input sanitising", () => {
  it("files a clean case from messages carrying NUL, control characters and lone surrogates", async () => {
    const citizen = stack.citizen(60001);
    await consent(citizen);
    // Without sanitising, the first of these breaks the form: Postgres refuses \u0000 and a lone surrogate in jsonb.
    const summary = await fileUntilSummary(citizen, {
      text: "小区楼下的下水道\u0000堵塞一个星期了\uD800，物业一直不处理，\u0007楼道里全是臭水。",
      location: "  幸福路\u0000 12 号\uDC00\u009F ",
      named: { name: "刘\u0000明", phone: "138\u0000 0013 8000" },
    });
    expect(summary.text).toContain("实名（刘明，13800138000）");
    const number = await submit(citizen, summary);
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(c.text).toBe("小区楼下的下水道堵塞一个星期了\uFFFD，物业一直不处理，楼道里全是臭水。");
    expect(c.location).toBe("幸福路 12 号\uFFFD");
    expect([c.contactName, c.contactPhone]).toEqual(["刘明", "13800138000"]);
    // And it goes on its way like any other case.
    await citizen.expect(new RegExp(`${number} 已交由「区住房和城乡建设局」办理`));
  });

  it("reads a command behind a NUL as the command", async () => {
    const citizen = stack.citizen(60002);
    await citizen.send("/\u0000help");
    await citizen.expect(/可用命令/);
  });
});

describe("abandoned forms expire (FORM_STATE_TTL_DAYS)", () => {
  it("treats a form untouched for longer as never opened, and the daily job deletes it; a fresh one is kept", async () => {
    const ttl = stack.core.config.FORM_STATE_TTL_DAYS;
    expect(ttl).toBe(7);
    const [gone, read, fresh] = [stack.citizen(61001), stack.citizen(61002), stack.citizen(61003)];
    for (const c of [gone, read, fresh]) {
      await consent(c);
      await c.send("/new");
      await c.expect(/第 1 步/);
      await c.send("楼道里的灯坏了两个月，晚上上下楼很不安全。");
      await c.expect(/第 2 步/);
      expect(await formState(c.userId)).not.toBeNull();
    }
    await ageForm(gone.userId, ttl + 1);
    await ageForm(read.userId, ttl + 1);
    await ageForm(fresh.userId, ttl - 1);

    await retentionJob();
    expect(await formState(gone.userId)).toBeNull();
    expect(await formState(read.userId)).toBeNull();
    expect(await formState(fresh.userId)).not.toBeNull();

    // Coming back: no step 3, the bot answers as it does outside any form, and /new starts afresh.
    await gone.send("幸福路 12 号");
    await gone.expect(/请发送 \/new/);
    await gone.send("/new");
    await gone.expect(/第 1 步/);
    // The one within the period carries on where they left off.
    await fresh.send("幸福路 12 号");
    await fresh.expect(/第 3 步/);
  });

  it("reads a stale form as absent even before the job ran, and deletes it then", async () => {
    const c = stack.citizen(61004);
    await consent(c);
    await c.send("/new");
    await c.expect(/第 1 步/);
    await ageForm(c.userId, stack.core.config.FORM_STATE_TTL_DAYS + 1);
    await c.send("楼道里的灯坏了两个月，晚上上下楼很不安全。");
    await c.expect(/请发送 \/new/);
    expect(await formState(c.userId)).toBeNull();
    expect(c.received.some((m) => /第 2 步/.test(m.text))).toBe(false);
  });
});

describe("/forget: withdrawing consent (PIPL art. 15, 47)", () => {
  it("withdraws open cases (the department is told), anonymises everything, stops all processing, and /start shows the notice again", async () => {
    const citizen = stack.citizen(62001, "周强");
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const { prisma } = stack.core;
    await consent(citizen);

    // One case open (accepted by the housing handler) and one already closed.
    const number = await submit(
      citizen,
      await fileUntilSummary(citizen, {
        text: "小区楼下的下水道堵塞一个星期了，物业一直不处理，楼道里全是臭水。",
        location: "幸福路 12 号幸福小区东门",
        named: { name: "周强", phone: "13912345678" },
      }),
    );
    await citizen.expect(new RegExp(`${number} 已交由`));
    const card = await handler.expect(new RegExp(`【投诉举报】${number}`));
    await supervisor.expect(new RegExp(number));
    await handler.press(card, "签收");
    await citizen.expect(/已签收您的事项/);
    const me = await citizenRow(citizen.userId);
    const housing = await prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const closed = await prisma.case.create({
      data: {
        number: "MS-2025-000777",
        submissionKey: "forget-closed",
        kind: "COMPLAINT",
        status: "CLOSED",
        citizenId: me.id,
        departmentId: housing.id,
        text: "去年反映的噪音问题，周强 13912345678",
        location: "幸福路 12 号",
        contactName: "周强",
        contactPhone: "13912345678",
        anonymous: false,
        dueAt: new Date(Date.now() - 200 * DAY),
        closedAt: new Date(Date.now() - 180 * DAY),
        answer: "已处理。",
      },
    });
    // A form half filled in, then /forget in the middle of it.
    await citizen.send("/disclose");
    await citizen.press(await citizen.expect(/个人还是单位/), "个人");
    await citizen.expect(/申请人姓名/);
    await citizen.send("周强");
    await citizen.expect(/身份证号码/);
    expect(await formState(citizen.userId)).not.toBeNull();

    await citizen.send("/forget");
    const explain = await citizen.expect(/撤回同意并删除个人信息/);
    expect(explain.text).toContain("承办部门会收到通知");
    await citizen.press(explain, "确认撤回并删除");
    await citizen.expect(/已撤回您的同意：1 件未办结事项已撤回，2 件事项中的个人信息已匿名化/);

    // The department hears the case was withdrawn.
    await handler.expect(new RegExp(`群众已撤回事项 ${number}`));
    await supervisor.expect(new RegExp(`群众已撤回事项 ${number}`));

    const open = await prisma.case.findUniqueOrThrow({ where: { number }, include: { citizen: true } });
    expect(open).toMatchObject({ status: "CLOSED", text: ANONYMISED, contactName: null, contactPhone: null, location: null });
    expect(open.anonymisedAt).not.toBeNull();
    expect(open.citizen.telegramId).toBe(ARCHIVE_TELEGRAM_ID);
    const events = await stack.core.cases.events(open.id);
    expect(events.map((e) => [e.action, e.actor])).toEqual(expect.arrayContaining([["withdraw", "citizen"], ["anonymised", "system"]]));
    const old = await prisma.case.findUniqueOrThrow({ where: { id: closed.id } });
    expect([old.text, old.answer, old.contactName, old.location]).toEqual([ANONYMISED, ANONYMISED, null, null]);
    const after = await citizenRow(citizen.userId);
    expect(after.consentAt).toBeNull();
    expect(after.consentWithdrawnAt).not.toBeNull();
    expect(await formState(citizen.userId)).toBeNull();

    // From now on nothing is processed for them but /start.
    for (const text of ["我还想反映一件事", "/new", "/mycases", "11010519491231002X"]) {
      await citizen.send(text);
      await citizen.expect(/您已撤回对个人信息处理的同意/);
    }
    expect(await prisma.case.count({ where: { citizenId: after.id } })).toBe(0);
    expect(await formState(citizen.userId)).toBeNull();

    // A notification already on its way to them (e.g. queued before /forget) is not sent, and is recorded as such.
    const straggler = await prisma.case.create({
      data: { number: "MS-2025-000778", submissionKey: "forget-straggler", kind: "COMPLAINT", status: "IN_PROGRESS", citizenId: after.id, departmentId: housing.id, text: "x", anonymous: true, dueAt: new Date() },
    });
    const [outboxId] = await stack.core.outbox.write(prisma, [{ queue: "notify", payload: { type: "case_accepted", caseId: straggler.id } }]);
    await stack.core.outbox.flush([outboxId], 0);
    await expect.poll(() => prisma.notificationDelivery.findFirst({ where: { outboxId } }), { timeout: 15_000 }).toMatchObject({ outcome: "consent_withdrawn" });
    expect((await citizen.unread()).map((m) => m.text)).toEqual([]);

    // /start shows the privacy notice, with the real periods, and consenting again lets them file.
    await citizen.send("/start");
    const notice = await citizen.expect(/隐私说明/);
    expect(notice.text).toContain("事项办结后保存 1095 天（约 3 年）");
    expect(notice.text).toContain("7 天无操作即删除");
    await citizen.press(notice, "同意并继续");
    await citizen.expect(/已记录您的同意/);
    expect((await citizenRow(citizen.userId)).consentWithdrawnAt).toBeNull();
    await citizen.send("/new");
    await citizen.expect(/第 1 步/);
  }, 120_000); // a long dialogue with one chat, at Telegram's pace of about one message a second per chat

  it("changes nothing when the citizen thinks better of it", async () => {
    const citizen = stack.citizen(62002);
    await consent(citizen);
    await citizen.send("/forget");
    await citizen.press(await citizen.expect(/撤回同意并删除个人信息/), "不，保留");
    await citizen.expect(/没有做任何改动/);
    expect((await citizenRow(citizen.userId)).consentAt).not.toBeNull();
    await citizen.send("/new");
    await citizen.expect(/第 1 步/);
  });

  it("states the period in English too", async () => {
    const citizen = stack.citizen(62003);
    await citizen.send("/start");
    await citizen.press(await citizen.expect(/隐私说明/), "English");
    const notice = await citizen.expect(/Privacy notice/);
    expect(notice.text).toContain("kept 1095 days (about 3 years) after it is closed");
    expect(notice.text).toContain("send /forget");
  });
});
