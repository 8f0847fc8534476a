import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";
import { waitFor } from "../helpers/wait.js";
import { PaceError } from "../../src/queues/job-errors.js";
import { PACE_SCRIPT } from "../../src/telegram/pace.js";
import { createHash } from "node:crypto";

// Demo staff of the housing bureau: handler 900001 and supervisor 900003 (prisma/seed-data.ts).
const CITIZEN = 4242;

let api: Awaited<ReturnType<typeof startFakeBotApi>>;
let core: Core;

async function routedCase(): Promise<{ caseId: number; outboxId: number }> {
  const citizen = await core.citizens.ensure(CITIZEN);
  const { case: c } = await core.cases.submit({
    submissionKey: `n-${Date.now()}-${Math.random()}`,
    citizenId: citizen.id,
    kind: "COMPLAINT",
    text: "小区物业不管下水道堵塞",
    anonymous: true,
  });
  const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
  const r = await core.cases.route(c.id, housing.id);
  expect(r.ok).toBe(true);
  const row = await core.prisma.outboxMessage.findFirstOrThrow({ where: { name: "case_routed" }, orderBy: { id: "desc" } });
  return { caseId: c.id, outboxId: row.id };
}

/** How long a message to this staff chat would wait now (asked without reserving: a wait of 0 is never taken). */
async function slotWait(chatId: string): Promise<number> {
  return (await core.pace.reserveAll([{ bot: "staff", chatId }], -1))[0].waitMs;
}

describe("delivering notifications", () => {
  afterEach(async () => {
    for (const name of QUEUE_NAMES) await core?.queues[name].obliterate({ force: true });
    await core?.close();
    await api?.stop();
  });

  async function setUp(opts: Parameters<typeof startFakeBotApi>[0]) {
    api = await startFakeBotApi(opts);
    core = createCore(testConfig({ TELEGRAM_API_ROOT: api.apiRoot }));
    await resetDatabase(core.prisma);
  }

  it("sends the citizen's notice and the department's cards, and a rerun sends nothing again", async () => {
    await setUp({});
    const { caseId, outboxId } = await routedCase();
    // The pace is asked once for the three messages (src/telegram/pace.ts), not once each.
    const scripts: string[] = [];
    const send = core.redis.sendCommand.bind(core.redis);
    core.redis.sendCommand = ((...a: Parameters<typeof send>) => {
      if (/^evalsha$/i.test(a[0].name)) scripts.push(String(a[0].args[0]));
      return send(...a);
    }) as typeof send;
    const first = await core.notifier.deliver({ type: "case_routed", caseId, outboxId });
    expect(first).toEqual({ sent: 3, skipped: 0, unreachable: 0, noChat: 0 });
    const paceSha = createHash("sha1").update(PACE_SCRIPT).digest("hex");
    expect(scripts.filter((sha) => sha === paceSha)).toHaveLength(1);
    expect(api.sent.map((m) => m.chatId).sort()).toEqual([CITIZEN, 900001, 900003]);
    const again = await core.notifier.deliver({ type: "case_routed", caseId, outboxId });
    expect(again).toEqual({ sent: 0, skipped: 3, unreachable: 0, noChat: 0 });
    expect(api.sent).toHaveLength(3);
  });

  it("after a partial failure, the retry sends only what was missing", async () => {
    await setUp({ failOnceFor: [900003] });
    const { caseId, outboxId } = await routedCase();
    await expect(core.notifier.deliver({ type: "case_routed", caseId, outboxId })).rejects.toThrow();
    const delivered = api.sent.length;
    const retry = await core.notifier.deliver({ type: "case_routed", caseId, outboxId });
    expect(retry.sent).toBe(1);
    expect(api.sent).toHaveLength(delivered + 1);
    const perChat = api.sent.reduce<Record<number, number>>((acc, m) => ({ ...acc, [m.chatId]: (acc[m.chatId] ?? 0) + 1 }), {});
    expect(perChat).toEqual({ [CITIZEN]: 1, 900001: 1, 900003: 1 });
  });

  it("reserves a notice's slots in the pace at once, sends what may go now, and leaves the rest to the job's next run", async () => {
    await setUp({});
    const { caseId, outboxId } = await routedCase();
    // The handler's chat already used its burst and its next second (four messages just now): its
    // card would wait two seconds, longer than a job waits (delivery.ts), so it is not reserved; the
    // citizen's notice before it and the supervisor's card after it go now.
    for (let i = 0; i < 4; i++) expect((await core.pace.reserve("staff", "900001", 5000)).reserved).toBe(true);
    const err = await core.notifier.deliver({ type: "case_routed", caseId, outboxId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaceError);
    expect(err).toMatchObject({ by: "chat" });
    expect((err as PaceError).waitMs).toBeGreaterThan(1000);
    expect(api.sent.map((m) => m.chatId)).toEqual([CITIZEN, 900003]);
    // The handler's chat lost nothing to the refused reservation: its card goes when the job runs
    // again (waiting for its slot, within the job's second), and only it.
    await waitFor("the handler's chat to have a slot within a second", async () => (await slotWait("900001")) <= 1000);
    expect(await core.notifier.deliver({ type: "case_routed", caseId, outboxId })).toEqual({ sent: 1, skipped: 2, unreachable: 0, noChat: 0 });
    expect(api.sent.map((m) => m.chatId)).toEqual([CITIZEN, 900003, 900001]);
  });

  it("records a citizen who blocked the bot instead of retrying forever", async () => {
    await setUp({ blocked: [CITIZEN] });
    const { caseId, outboxId } = await routedCase();
    const r = await core.notifier.deliver({ type: "case_routed", caseId, outboxId });
    expect(r).toEqual({ sent: 2, skipped: 0, unreachable: 1, noChat: 0 });
    const row = await core.prisma.notificationDelivery.findUniqueOrThrow({
      where: { outboxId_bot_chatId_part: { outboxId, bot: "citizen", chatId: BigInt(CITIZEN), part: 0 } },
    });
    expect(row.outcome).toBe("blocked");
  });

  it("sends a reminder or overdue alarm of a case with no department yet to the dispatchers, not to every department", async () => {
    await setUp({});
    const citizen = await core.citizens.ensure(CITIZEN);
    // An urgent complaint whose one-day clock runs out before anyone routed it.
    const c = await core.prisma.case.create({
      data: { number: "MS-2026-700001", submissionKey: "unrouted", kind: "COMPLAINT", status: "PENDING_DISPATCH", citizenId: citizen.id, text: "燃气泄漏", dueAt: new Date() },
    });
    for (const type of ["case_due_soon", "case_overdue"] as const) {
      const row = await core.prisma.outboxMessage.create({ data: { queue: "notify", name: type, payload: { type, caseId: c.id } } });
      await core.notifier.deliver({ type, caseId: c.id, outboxId: row.id });
    }
    // Demo staff: 900002 is the only dispatcher; 900001, 900003, 900004 belong to departments.
    expect(api.sent.map((m) => m.chatId)).toEqual([900002, 900002]);
  });
});
