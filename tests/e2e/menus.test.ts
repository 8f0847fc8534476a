import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { waitFor } from "../helpers/wait.js";
import { castOf, caseOf } from "../helpers/case-fixtures.js";

// Command menus (setMyCommands, https://core.telegram.org/bots/api#setmycommands), per bot and per
// role, read back as a Telegram client would see them (the emulator resolves scopes and languages
// in the documented order: chat, all private chats, default; the user's language before none).
const HOUSING_HANDLER = 900001;
const DISPATCHER = 900002;
const HOUSING_SUPERVISOR = 900003;
const ADMIN = 900099;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await stack.core.prisma.staffMember.create({ data: { telegramId: BigInt(ADMIN), displayName: "管理员", role: "ADMIN" } });
  // The workers train the classifier as they start; on a busy machine the bots begin polling late.
  await waitFor("the staff bot polling", () => stack.bots.polling().staff, 90_000);
}, 150_000);
afterAll(async () => {
  await stack?.stop();
});

const shown = (bot: "citizen" | "staff", chat: number, lang = "zh-hans") =>
  stack.emulator.limits.commands.shownIn(bot === "citizen" ? stack.core.config.citizenToken : stack.core.config.staffToken, chat, lang).map((c) => c.command);
const described = (bot: "citizen" | "staff", chat: number, lang: string) =>
  stack.emulator.limits.commands.shownIn(bot === "citizen" ? stack.core.config.citizenToken : stack.core.config.staffToken, chat, lang);

describe("command menus", () => {
  it("give citizens their commands in Chinese, and in English to English clients", async () => {
    expect(shown("citizen", 71001)).toEqual(["new", "disclose", "mediate", "reconsider", "mycases", "status", "cancel", "language", "help", "forget", "start"]);
    expect(described("citizen", 71001, "zh-hans")[0]).toEqual({ command: "new", description: "提交投诉举报" });
    expect(described("citizen", 71001, "en")[0]).toEqual({ command: "new", description: "File a complaint or report" });
    // Someone who is not staff sees only the way in.
    expect(shown("staff", 71001)).toEqual(["start"]);
  });

  it("give each staff member their role's menu once they write, in their language", async () => {
    for (const id of [HOUSING_HANDLER, DISPATCHER, HOUSING_SUPERVISOR, ADMIN]) {
      const s = stack.staff(id);
      await s.send("/help");
      await s.expect(/您好/);
    }
    expect(shown("staff", HOUSING_HANDLER)).toEqual(["web", "help", "cancel"]);
    expect(shown("staff", DISPATCHER)).toEqual(["help", "cancel"]);
    expect(shown("staff", HOUSING_SUPERVISOR)).toEqual(["overdue", "web", "help", "cancel"]);
    expect(shown("staff", ADMIN)).toEqual(["overdue", "web", "help", "cancel"]);
    expect(described("staff", HOUSING_SUPERVISOR, "en")[0]).toEqual({ command: "overdue", description: "逾期和即将到期的事项" });
  });

  it("are set again when a role changes, at once through staff:role's path, or on the next message", async () => {
    // The way `npm run staff:role` does it: change, then set the menu.
    const member = await stack.core.staff.setRole(HOUSING_HANDLER, { role: "SUPERVISOR" });
    await stack.core.menus.setStaff(stack.core.telegram.staff, member!);
    expect(shown("staff", HOUSING_HANDLER)).toEqual(["overdue", "web", "help", "cancel"]);

    // Changed behind the bot's back (e.g. in the database): set on their next message.
    await stack.core.prisma.staffMember.update({ where: { telegramId: BigInt(HOUSING_HANDLER) }, data: { role: "HANDLER", locale: "en" } });
    const s = stack.staff(HOUSING_HANDLER);
    await s.send("/help");
    await s.expect(/Hello|您好/);
    await waitFor("the handler's menu back", () => shown("staff", HOUSING_HANDLER).join() === "web,help,cancel");
    expect(described("staff", HOUSING_HANDLER, "zh-hans")[1].description).toBe("My role and how to work cases");

    // Deactivated: the staff menu goes; only the way in is left.
    const gone = await stack.core.staff.setRole(DISPATCHER, { active: false });
    await stack.core.menus.setStaff(stack.core.telegram.staff, gone!);
    expect(shown("staff", DISPATCHER)).toEqual(["start"]);
  });

  it("refuses a staff answer made only of invisible characters", async () => {
    const cast = await castOf(stack.core);
    const c = await caseOf(stack.core, cast, "COMPLAINT");
    const handler = await stack.core.prisma.staffMember.findUniqueOrThrow({ where: { id: cast.handler.id } });
    const s = stack.staff(Number(handler.telegramId));
    await s.pressData(1, `s:ask:${c.id}`);
    await s.expect(/请输入要问群众的问题/);
    await s.send("\u200B".repeat(12));
    await s.expect(/请发送文字，或发送 \/cancel 放弃/);
    expect((await stack.core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("IN_PROGRESS");
  });
});
