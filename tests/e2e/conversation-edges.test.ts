import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent, fileUntilSummary } from "../helpers/flows.js";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe("the citizen bot at the edges", () => {
  it("files one case when Telegram delivers the confirming update twice", async () => {
    const citizen = stack.citizen(20001);
    await consent(citizen);
    const summary = await fileUntilSummary(citizen, { text: "公司拖欠我们三个月工资，老板一直说下个月发。", location: "高新区创业大厦" });

    const chat = { id: citizen.userId, type: "private" as const, first_name: citizen.firstName };
    const from = { id: citizen.userId, is_bot: false, first_name: citizen.firstName };
    const update: Update = {
      update_id: 7_000_001,
      callback_query: {
        id: "dup-1",
        from,
        chat_instance: "1",
        data: "i:submit",
        message: { message_id: summary.messageId, date: Math.floor(Date.now() / 1000), chat, text: summary.text },
      },
    } as Update;
    // The same update, twice, at the same time (as after a webhook timeout or a restart).
    await Promise.all([stack.bots.citizen.handleUpdate(structuredClone(update)), stack.bots.citizen.handleUpdate(structuredClone(update))]);

    await citizen.expect(/已受理。事项编号/);
    const c = await stack.core.prisma.citizen.findUniqueOrThrow({ where: { telegramId: BigInt(citizen.userId) } });
    expect(await stack.core.prisma.case.count({ where: { citizenId: c.id } })).toBe(1);
    const unread = await citizen.unread();
    expect(unread.filter((m) => /已受理/.test(m.text))).toHaveLength(0);
  });

  it("answers free text, photos and unknown buttons, and asks for consent before filing", async () => {
    const citizen = stack.citizen(20002);
    await citizen.send("你好，我想问一下");
    await citizen.expect(/要提交投诉举报，请发送 \/new/);
    await citizen.send("我要举报小区物业乱收费");
    await citizen.expect(/听起来您想投诉或举报。请发送 \/new/);
    await citizen.send("我想申请公开本区老旧小区改造的资金使用情况");
    await citizen.expect(/政府信息公开申请/);
    // /new before consent: the privacy notice itself, with its consent button.
    await citizen.send("/new");
    const notice = await citizen.expect(/请先阅读下面的隐私说明/);
    expect(notice.text).toMatch(/隐私说明/);
    expect(notice.buttons.flat().map((b) => b.text)).toContain("同意并继续");
    await citizen.sendPhoto("stray-photo");
    await citizen.expect(/要提交投诉举报，请发送 \/new/);
    await citizen.pressData(1, "i:submit");
    await citizen.expect(/这个按钮已失效/);
    await citizen.send("/status 12345");
    await citizen.expect(/用法：\/status/);
    await citizen.send("/status MS-2026-999999");
    await citizen.expect(/没有找到编号为 MS-2026-999999 的事项/);
  });

  it("validates each step and keeps the intake going around commands; /cancel files nothing", async () => {
    const citizen = stack.citizen(20003);
    await consent(citizen);
    await citizen.send("/new");
    await citizen.expect(/第 1 步/);
    await citizen.send("太短");
    await citizen.expect(/太短了：至少要 10 个字/);
    await citizen.sendPhoto("too-early");
    await citizen.expect(/请用文字回答这一步/);
    await citizen.send("学校门口每天放学时间车辆乱停，孩子过马路很危险。");
    await citizen.expect(/第 2 步/);
    await citizen.send("/mycases");
    await citizen.expect(/您还没有提交过事项/);
    await citizen.send("育才小学南门");
    await citizen.press(await citizen.expect(/第 3 步/), "跳过");
    const identity = await citizen.expect(/第 4 步/);
    await citizen.send("我选实名");
    await citizen.expect(/请点击上面的按钮选择/);
    await citizen.press(identity, "实名");
    await citizen.expect(/姓名/);
    await citizen.send("周强");
    await citizen.expect(/手机号码/);
    await citizen.send("12345");
    await citizen.expect(/手机号码格式不对/);
    await citizen.send("13912345678");
    const summary = await citizen.expect(/请核对/);
    await citizen.press(summary, "修改");
    await citizen.press(await citizen.expect(/要修改哪一项/), "地点");
    await citizen.expect(/第 2 步/);
    await citizen.send("育才小学北门");
    const edited = await citizen.expect(/请核对/);
    expect(edited.text).toContain("育才小学北门");
    await citizen.send("/cancel");
    await citizen.expect(/已取消，没有提交任何内容/);
    await citizen.press(edited, "确认提交");
    await citizen.expect(/这个按钮已失效/);
    const c = await stack.core.prisma.citizen.findUniqueOrThrow({ where: { telegramId: BigInt(citizen.userId) } });
    expect(await stack.core.prisma.case.count({ where: { citizenId: c.id } })).toBe(0);
  });

  it("refuses descriptions that only look long: 5 emoji or 12 zero-width spaces, saying how many characters count", async () => {
    const citizen = stack.citizen(20010);
    await consent(citizen);
    await citizen.send("/new");
    await citizen.expect(/第 1 步/);
    await citizen.send("👍👍👍👍👍"); // 10 UTF-16 units, 5 characters on screen
    await citizen.expect(/太短了：至少要 10 个字，您写了 5 个（一个表情算一个字，空格和看不见的字符不算）/);
    await citizen.send("\u200B".repeat(12));
    await citizen.expect(/太短了：至少要 10 个字，您写了 0 个/);
    await citizen.send("\u200B路灯\u200B坏了\u200B\u200B\u200B\u200B\u200B\u200B\u200B");
    await citizen.expect(/您写了 4 个/);
    // Ten visible characters are enough, emoji included.
    await citizen.send("路灯坏了两周👍👍👍👍");
    await citizen.expect(/第 2 步/);
    await citizen.send("\u200B\u200B\u200B");
    await citizen.expect(/太短了：至少要 2 个字，您写了 0 个/);
    await citizen.send("/cancel");
    await citizen.expect(/已取消/);
  });

  it("speaks English on request", async () => {
    const citizen = stack.citizen(20004);
    await citizen.send("/start");
    await citizen.press(await citizen.expect(/隐私说明/), "English");
    await citizen.expect(/Switched to English/);
    await citizen.press(await citizen.expect(/Privacy notice/), "Agree and continue");
    await citizen.expect(/Consent recorded/);
    await citizen.send("/new");
    await citizen.expect(/Step 1 of 4/);
  });
});

describe("joining the staff bot", () => {
  it("takes a one-time invite link once; others are told how to join", async () => {
    const { token } = await stack.core.staff.invite("HANDLER", "transport");
    const newcomer = stack.staff(30001, "孙磊");
    await newcomer.send("/start");
    await newcomer.expect(/请使用管理员发给您的邀请链接加入/);
    await newcomer.send(`/start ${token}`);
    await newcomer.expect(/欢迎，孙磊！您已加入「民声」，角色：承办人 · 区交通运输局/);
    await newcomer.send("在吗");
    await newcomer.expect(/请使用事项卡片上的按钮办理/);

    const latecomer = stack.staff(30002);
    await latecomer.send(`/start ${token}`);
    await latecomer.expect(/这个邀请链接已经用过了/);
    await latecomer.send("/start not-a-real-invite-token");
    await latecomer.expect(/邀请链接无效/);
  });
});
