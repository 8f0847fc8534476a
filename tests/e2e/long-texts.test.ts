import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { castOf, caseOf, type Cast } from "../helpers/case-fixtures.js";
import { consent, mediationUntilPeople } from "../helpers/flows.js";
import type { BotMessage, EmulatorUser } from "../../src/telegram/emulator-client.js";
import { TEXT_LIMIT } from "../../src/telegram/telegram-text.js";
import { waitFor } from "../helpers/wait.js";

// Issue 9, the three texts near Telegram's 4,096-character limit (sendMessage: "1-4096 characters
// after entities parsing") that used to vanish while their sender was told they were sent. The
// emulator now refuses what Telegram refuses (400 "message is too long"), so each must arrive whole.
const DISPATCHER = 900002;

let stack: Stack;
let cast: Cast;
beforeAll(async () => {
  // Every case goes to a dispatcher (the classifier is never sure enough), as the mediation did.
  stack = await startStack({ env: { ROUTING_CONFIDENCE: "1" } });
  cast = await castOf(stack.core);
});
afterAll(async () => {
  await stack?.stop();
});

/** `n` characters of numbered sentences ("第0001句……。"), so a lost or doubled piece shows. */
function longText(n: number, word = "答复内容"): string {
  let s = "";
  for (let i = 1; s.length < n; i++) s += `第${String(i).padStart(4, "0")}句${word}。`;
  return s.slice(0, n - 1) + "。";
}

/**
 * Reads the numbered parts "(i/n)" of one long message, waits for all n, and gives their text
 * joined; with `single`, a message that fits whole is taken as it is.
 */
async function readParts(user: EmulatorUser, first: RegExp, single = false): Promise<{ joined: string; parts: BotMessage[] }> {
  const head = await user.expect(first);
  const m = /^\((\d+)\/(\d+)\)\n/.exec(head.text);
  if (!m && single) return { joined: head.text, parts: [head] };
  expect(m, `"${head.text.slice(0, 40)}" is not a numbered part`).not.toBeNull();
  const total = Number(m![2]);
  const parts = [head];
  for (let i = 2; i <= total; i++) parts.push(await user.expect(new RegExp(`^\\(${i}/${total}\\)\\n`)));
  for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
  return { joined: parts.map((p) => p.text.replace(/^\(\d+\/\d+\)\n/, "")).join(""), parts };
}

/**
 * A case of `kind` with housing's handler working it. The workers escalate every new case here
 * (ROUTING_CONFIDENCE 1), so it is assigned from dispatch, as a dispatcher would, then accepted.
 */
async function workedCase(kind: "COMPLAINT" | "DISCLOSURE") {
  const c = await caseOf(stack.core, cast, kind, { routed: false });
  await waitFor("the case escalated to dispatch", async () => (await stack.core.cases.get(c.id))?.status === "PENDING_DISPATCH");
  const assigned = await stack.core.cases.assign(c.id, cast.dispatcher, cast.housing.id);
  const accepted = await stack.core.cases.accept(c.id, cast.handler);
  if (!assigned.ok || !accepted.ok) throw new Error("could not assign and accept the case");
  return accepted.case;
}

const telegramIdOf = async (staffId: number) => Number((await stack.core.prisma.staffMember.findUniqueOrThrow({ where: { id: staffId } })).telegramId);
const citizenIdOf = async (citizenId: number) => Number((await stack.core.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } })).telegramId);

describe("texts near Telegram's limit arrive complete", () => {
  it("a 4,000-character disclosure answer reaches the applicant in numbered parts", async () => {
    const c = await workedCase("DISCLOSURE");
    const handler = stack.staff(await telegramIdOf(cast.handler.id));
    const applicant = stack.citizen(await citizenIdOf(cast.applicant.id));
    const answer = longText(4000, "依申请公开的答复内容");
    expect(answer).toHaveLength(4000);

    await handler.pressData(1, `s:ans:${c.id}`);
    await handler.press(await handler.expect(/的答复类型/), "予以公开");
    await handler.expect(/请输入给群众的答复/);
    await handler.send(answer);
    const done = await handler.expect(new RegExp(`${c.number} 已办结`));
    expect(done.text).not.toMatch(/已发给群众/); // not "sent" before it is

    const { joined, parts } = await readParts(applicant, new RegExp(`^\\(1/\\d+\\)\\n[\\s\\S]*${c.number}`));
    expect(parts.length).toBe(2);
    expect(joined).toContain(answer);
    expect(joined).toContain("《政府信息公开条例》第五十一条"); // the statutory tail survives the split too
    await waitFor("every delivery of the answer recorded as sent", async () => {
      const rows = await stack.core.prisma.outboxMessage.findMany({ where: { payload: { path: ["type"], equals: "case_answered" } } });
      const ids = rows.filter((r) => (r.payload as { caseId?: number }).caseId === c.id).map((r) => r.id);
      const d = await stack.core.prisma.notificationDelivery.findMany({ where: { outboxId: { in: ids } } });
      return d.length === 2 && d.every((x) => x.outcome === "sent");
    });
  });

  it("a 4,090-character citizen reply reaches the handler in numbered parts", async () => {
    const c = await workedCase("COMPLAINT");
    const asked = await stack.core.cases.ask(c.id, cast.handler, "请详细说明情况。");
    expect(asked.ok).toBe(true);
    const handler = stack.staff(await telegramIdOf(cast.handler.id));
    const citizen = stack.citizen(await citizenIdOf(cast.applicant.id));
    await citizen.expect(/承办人员想了解/);
    const reply = longText(4090, "情况说明");
    await citizen.send(reply);
    await citizen.expect(new RegExp(`已收到您对 ${c.number} 的回复`));
    const { joined } = await readParts(handler, new RegExp(`^\\(1/\\d+\\)\\n群众对 ${c.number} 的回复`));
    expect(joined).toContain(reply);
  });

  it("a 4,000-character mediation statement reaches the dispatcher: the card cut short, the whole text behind 全文", async () => {
    const applicant = stack.citizen(66001, "孙丽");
    const dispatcher = stack.staff(DISPATCHER);
    const facts = longText(4000, "纠纷经过");
    await consent(applicant);
    await mediationUntilPeople(applicant, { type: "邻里纠纷", facts });
    await applicant.send("2");
    // The summary carries the whole statement (in parts if it outgrows one message, the buttons on the last).
    const { joined, parts } = await readParts(applicant, /^(\(1\/\d+\)\n)?请核对/, true);
    expect(joined).toContain(facts);
    await applicant.press(parts.at(-1)!, "确认提交");
    const number = /MS-\d{4}-\d{6}/.exec((await applicant.expect(/已受理。事项编号/)).text)![0];

    const card = await dispatcher.expect(new RegExp(`【调解申请】${number}`));
    expect(card.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(card.text).toContain(facts.slice(0, 1000));
    expect(card.text).not.toContain(facts);
    const buttons = card.buttons.flat().map((b) => b.text);
    expect(buttons).toContain("全文");
    expect(buttons.some((b) => /住房|城乡/.test(b))).toBe(true); // still assignable from the card

    await dispatcher.press(card, "全文");
    const whole = await readParts(dispatcher, new RegExp(`^(\\(1/\\d+\\)\\n)?${number} 的全文`), true);
    expect(whole.joined).toContain(facts);
    expect(whole.joined).toContain("赔偿维修费用 8000 元");
  }, 90_000);

  it("tells the handler, records it and alerts the administrators when Telegram refuses the answer for good", async () => {
    const c = await workedCase("COMPLAINT");
    const handler = stack.staff(await telegramIdOf(cast.handler.id));
    const applicant = await citizenIdOf(cast.applicant.id);
    // The applicant's chat refuses the answer for good (as a blocked bot does: 403).
    stack.proxy.fault({
      method: "sendMessage",
      match: (p) => Number(p.chat_id) === applicant && /已办结/.test(String(p.text)),
      answer: { status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } },
    });
    await handler.pressData(1, `s:ans:${c.id}`);
    await handler.expect(/请输入给群众的答复/);
    await handler.send("已协调物业处理。");
    await handler.expect(new RegExp(`${c.number} 已办结`));
    const told = await handler.expect(new RegExp(`${c.number}：您发给群众的答复未能送达`));
    expect(told.text).toContain("对方已停用机器人");
    const events = await stack.core.prisma.caseEvent.findMany({ where: { caseId: c.id, action: "delivery_failed" } });
    expect(events.map((e) => e.note)).toEqual(["case_answered → citizen: blocked"]);
    const admin = stack.staff(await telegramIdOf(cast.admin.id));
    await admin.expect(new RegExp(`系统告警[\\s\\S]*${c.number}`));
  });
});
