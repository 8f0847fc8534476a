import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent, submit } from "../helpers/flows.js";
import type { BotMessage, EmulatorUser } from "../../src/telegram/emulator-client.js";

// Demo staff (prisma/seed-data.ts): housing handler, dispatcher, housing supervisor.
const HOUSING_HANDLER = 900001;
const DISPATCHER = 900002;
const HOUSING_SUPERVISOR = 900003;

let stack: Stack;

beforeAll(async () => {
  // Every case goes to the dispatcher (no confidence reaches 1), so the test does not depend on
  // what the seed model makes of a gas smell; the route path is covered in integration/emergency.
  stack = await startStack({ env: { ROUTING_CONFIDENCE: "1", EMERGENCY_GAS_HOTLINE: "96777" } });
});
afterAll(async () => {
  await stack?.stop();
});

async function waitForCase(number: string, status: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const c = await stack.core.prisma.case.findUnique({ where: { number } });
    if (c?.status === status) return c;
    if (Date.now() > deadline) throw new Error(`${number} did not reach ${status} (is ${c?.status})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Any message so far matching `pattern`, in whatever order the notify jobs delivered them. */
async function received(user: EmulatorUser, pattern: RegExp): Promise<BotMessage> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await user.poll();
    const m = user.received.find((r) => pattern.test(r.text));
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`user ${user.userId}: nothing matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("emergencies first", () => {
  it("a new user smelling gas hears 119 and what to do before anything else, and the case is filed, urgent, with staff alerted", async () => {
    const citizen = stack.citizen(10201, "赵敏");
    const dispatcher = stack.staff(DISPATCHER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const handler = stack.staff(HOUSING_HANDLER);

    await citizen.send("楼道里有很重的煤气味");
    const first = await citizen.expect(/.+/s);
    expect(citizen.received.indexOf(first)).toBe(0);
    expect(first.text.startsWith("🚨 请立即拨打 119")).toBe(true);
    expect(first.text).toContain("不要开关电灯电器");
    expect(first.text).toContain("燃气公司抢修电话 96777");

    // Not yet consented: the privacy notice comes after the alert, then the intake with the text taken.
    await citizen.press(await citizen.expect(/隐私说明/), "同意并继续");
    const where = await citizen.expect(/第 2 步/);
    expect(where.text).toContain("已把您刚才发的内容记为事项描述");
    expect(citizen.received.some((m) => /第 1 步/.test(m.text))).toBe(false);
    await citizen.send("幸福路 8 号 3 栋 2 单元");
    await citizen.press(await citizen.expect(/第 3 步/), "跳过");
    await citizen.press(await citizen.expect(/第 4 步/), "匿名");
    const summary = await citizen.expect(/请核对/);
    expect(summary.text).toContain("事项：楼道里有很重的煤气味");
    const number = await submit(citizen, summary);

    const c = await waitForCase(number, "PENDING_DISPATCH");
    expect(c.priority).toBe("URGENT");
    expect(c.details).toEqual({ emergency: { kinds: ["gas"], numbers: ["119"] } });

    // Unrouted: the dispatchers are alerted with the text and the numbers the citizen was told.
    const alert = await received(dispatcher, new RegExp(`🚨 紧急警情 ${number}`));
    expect(alert.text).toContain("119（火警、救援）");
    expect(alert.text).toContain("楼道里有很重的煤气味");
    expect(alert.text).toContain("幸福路 8 号");
    const card = await received(dispatcher, new RegExp(`${number}[\\s\\S]*需要人工分派`));
    expect(card.text.startsWith("🚨 紧急警情：群众已被告知拨打 119")).toBe(true);

    // Assigned: the department's supervisor and handler get the card with the alert on top.
    await dispatcher.press(card, /^区住房和城乡建设局/);
    for (const staff of [supervisor, handler]) {
      // Found among whatever else arrives (a due-soon reminder may come first: the limit is one working day).
      const got = await received(staff, new RegExp(`^🚨 紧急警情：群众已被告知拨打 119（火警、救援）\n【投诉举报】${number} · 紧急`));
      expect(got.text).toContain("楼道里有很重的煤气味");
    }
  });

  it("inside a form, the alert comes first and the form goes on with the message", async () => {
    const citizen = stack.citizen(10202);
    await consent(citizen);
    await citizen.send("/new");
    await citizen.expect(/第 1 步/);
    await citizen.send("对面楼 12 层阳台起火了，火很大，有人在喊救命");
    const alert = await citizen.expect(/🚨/);
    const next = await citizen.expect(/第 2 步/);
    expect(citizen.received.indexOf(alert)).toBeLessThan(citizen.received.indexOf(next));
    expect(alert.text).toMatch(/^🚨 请立即拨打 119（火警、救援）、110（报警）！/);
    expect(next.text).not.toContain("已把您刚才发的内容"); // an ordinary step 2
  });

  it("answers in English, in the citizen's language", async () => {
    const en = stack.citizen(10203);
    await en.send("/start");
    await en.press(await en.expect(/隐私说明/), "English");
    await en.press(await en.expect(/Privacy notice/), "Agree and continue");
    await en.expect(/Consent recorded/);
    await en.send("There is a strong smell of gas in the stairwell");
    const alert = await en.expect(/🚨/);
    expect(alert.text).toMatch(/^🚨 Call 119 \(fire and rescue\) now!/);
    expect(alert.text).toContain("the gas company's emergency line 96777");
    const where = await en.expect(/Step 2/);
    expect(where.text).toContain("taken as the description");
  });

  it("while a handler waits for the citizen's answer, an emergency reply is alerted and still goes to that case", async () => {
    const citizen = stack.citizen(10205);
    await consent(citizen);
    const { core } = stack;
    const who = await core.citizens.ensure(10205);
    const { case: c } = await core.cases.submit({
      submissionKey: "e2e-await",
      citizenId: who.id,
      kind: "COMPLAINT",
      text: "小区燃气管道外露，没有保护",
      anonymous: true,
    });
    const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const staff = async (telegramId: number) => {
      const s = await core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } });
      return { kind: "staff" as const, id: s.id, role: s.role, departmentId: s.departmentId, active: s.active };
    };
    const actor = await staff(HOUSING_HANDLER);
    await waitForCase(c.number, "PENDING_DISPATCH"); // the workers escalate it first (ROUTING_CONFIDENCE 1)
    expect((await core.cases.assign(c.id, await staff(DISPATCHER), housing.id)).ok).toBe(true);
    expect((await core.cases.accept(c.id, actor)).ok).toBe(true);
    expect((await core.cases.ask(c.id, actor, "现在还有味道吗？")).ok).toBe(true);
    await citizen.expect(/现在还有味道吗/);

    await citizen.send("现在整个楼道都是煤气味");
    const alert = await citizen.expect(/🚨/);
    expect(alert.text).toContain("119");
    await citizen.expect(new RegExp(`已收到您对 ${c.number} 的回复`));
    expect(citizen.received.some((m) => /第 2 步/.test(m.text))).toBe(false);
  });

  it("an ordinary message gets no emergency text", async () => {
    const citizen = stack.citizen(10204);
    await consent(citizen);
    await citizen.send("小区垃圾好几天没人清运，臭气熏天");
    await citizen.expect(/\/new/);
    expect(citizen.received.some((m) => m.text.includes("🚨") || /119|110|120/.test(m.text))).toBe(false);
  });
});
