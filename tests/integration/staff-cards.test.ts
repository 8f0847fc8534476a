import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { startEmulator, type EmulatorServer } from "../../src/telegram/emulator.js";
import { EmulatorUser } from "../../src/telegram/emulator-client.js";
import { PaceError, RetryLaterError } from "../../src/queues/job-errors.js";
import { waitFor } from "../helpers/wait.js";
import { toStaffActor } from "../../src/staff/staff-service.js";
import { freePort, testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";

// Demo handler of the housing bureau (prisma/seed-data.ts).
const HANDLER = 900001;

let emulator: EmulatorServer;
let core: Core;
let handlerChat: EmulatorUser;

beforeAll(async () => {
  emulator = await startEmulator(await freePort());
  core = createCore(testConfig({ TELEGRAM_API_ROOT: emulator.config.apiURL }));
  await resetDatabase(core.prisma);
  handlerChat = new EmulatorUser(emulator.config.apiURL, core.config.staffToken, HANDLER);
});
afterAll(async () => {
  await core?.close();
  await emulator?.stop();
});

/** A complaint routed to housing, its cards sent (as the case_routed job does). */
async function routedCase() {
  const citizen = await core.citizens.ensure(4343);
  const { case: c } = await core.cases.submit({ submissionKey: `sc-${Math.random()}`, citizenId: citizen.id, kind: "COMPLAINT", text: "小区物业不管下水道堵塞", anonymous: true });
  const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
  expect((await core.cases.route(c.id, housing.id)).ok).toBe(true);
  await core.notifier.deliver({ type: "case_routed", caseId: c.id });
  const where = { caseId_bot_chatId: { caseId: c.id, bot: "staff", chatId: BigInt(HANDLER) } };
  return { caseId: c.id, where, row: await core.prisma.staffCard.findUniqueOrThrow({ where }) };
}
const handler = async () => toStaffActor(await core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: BigInt(HANDLER) } }));

describe("a case's staff cards", () => {
  it("are written by one job at a time: another job finding the case's cards busy is sent back to wait", async () => {
    const { caseId } = await routedCase();
    await core.cards.withLock(caseId, async () => {
      const err = await core.notifier.deliver({ type: "case_cards", caseId }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RetryLaterError);
      expect((err as RetryLaterError).retryAfterMs).toBeGreaterThan(0);
    });
    // Free again: the same job goes through.
    await core.notifier.deliver({ type: "case_cards", caseId });
  });

  it("edits only for a newer version of the case, and takes 'not modified' as done", async () => {
    const { caseId, where, row } = await routedCase();
    expect((await handlerChat.current(Number(row.messageId)))?.text).toMatch(/状态：已分派/);
    expect((await core.cases.accept(caseId, await handler())).ok).toBe(true);

    // The card already shows something newer than the case as read now: this render is not applied.
    const accepted = await core.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    await core.prisma.staffCard.update({ where, data: { version: BigInt(accepted.updatedAt.getTime() + 1) } });
    await core.notifier.deliver({ type: "case_cards", caseId });
    expect((await handlerChat.current(Number(row.messageId)))?.text).toMatch(/状态：已分派/);

    // An older version on record: the card is edited to the case as it is.
    await core.prisma.staffCard.update({ where, data: { version: 0n } });
    expect(await core.notifier.deliver({ type: "case_cards", caseId })).toMatchObject({ sent: 2, unreachable: 0 }) // the handler's card and the supervisor's;
    expect((await handlerChat.current(Number(row.messageId)))?.text).toMatch(/状态：办理中/);
    expect((await core.prisma.staffCard.findUniqueOrThrow({ where })).version).toBe(BigInt(accepted.updatedAt.getTime()));

    // Drawn again with nothing changed: Telegram says "message is not modified", which is success.
    await core.prisma.staffCard.update({ where, data: { version: 0n } });
    expect(await core.notifier.deliver({ type: "case_cards", caseId })).toMatchObject({ sent: 2, unreachable: 0 }) // the handler's card and the supervisor's;
    expect((await core.prisma.staffCard.findUniqueOrThrow({ where })).messageId).toBe(row.messageId);
    expect((await handlerChat.chat()).filter((m) => m.text.includes("小区物业不管下水道堵塞"))).toHaveLength(2);
  });

  it("are redrawn once for the changes that queued up behind one another, and not covered by a redraw that failed", async () => {
    const { caseId } = await routedCase();
    expect((await core.cases.accept(caseId, await handler())).ok).toBe(true);
    const redrawJob = async () => (await core.prisma.outboxMessage.create({ data: { queue: "notify", name: "case_cards", payload: { type: "case_cards", caseId } } })).id;
    const deliver = (outboxId: number) => core.notifier.deliver({ type: "case_cards", caseId, outboxId });
    const deliveries = async (outboxId: number) => core.prisma.notificationDelivery.count({ where: { outboxId } });
    const [first, second, third, later] = [await redrawJob(), await redrawJob(), await redrawJob(), await redrawJob()];

    // Another notice holds the case's cards: the second and third redraw wait (and join its waiters).
    await core.cards.withLock(caseId, async () => {
      for (const id of [second, third]) expect(await deliver(id).catch((e: unknown) => e)).toBeInstanceOf(RetryLaterError);
    });
    // The first redraw to take the lock next draws every card (the handler's and the supervisor's)…
    expect(await deliver(first)).toMatchObject({ sent: 2, unreachable: 0 });
    expect((await handlerChat.chat()).some((m) => /状态：办理中/.test(m.text))).toBe(true);
    // …and stands for the two that waited: their changes were committed before its read.
    for (const id of [second, third]) {
      expect(await deliver(id)).toEqual({ sent: 0, skipped: 0, unreachable: 0, noChat: 0 });
      expect(await deliveries(id)).toBe(0);
    }
    // A redraw that did not wait behind it is not covered by it: it draws.
    expect(await deliver(later)).toMatchObject({ sent: 2 });
    expect(await deliveries(later)).toBe(2);

    // A job that found its row done already (a rerun) draws nothing, so it covers nothing.
    const [done, behindDone] = [await redrawJob(), await redrawJob()];
    await core.prisma.outboxMessage.update({ where: { id: done }, data: { completedAt: new Date() } });
    await core.cards.withLock(caseId, async () => {
      expect(await deliver(behindDone).catch((e: unknown) => e)).toBeInstanceOf(RetryLaterError);
    });
    expect(await core.notifier.deliver({ type: "case_cards", caseId, outboxId: done }, { ifOpen: true })).toEqual({ sent: 0, skipped: 0, unreachable: 0, noChat: 0 });
    expect(await deliver(behindDone)).toMatchObject({ sent: 2 });

    // A redraw that fails (here: the handler's chat has no slot within the job's wait) covers nothing.
    const [failing, waiting] = [await redrawJob(), await redrawJob()];
    await core.cards.withLock(caseId, async () => {
      expect(await deliver(waiting).catch((e: unknown) => e)).toBeInstanceOf(RetryLaterError);
    });
    for (let i = 0; i < 4; i++) await core.pace.reserve("staff", String(HANDLER), 5000);
    expect(await deliver(failing).catch((e: unknown) => e)).toBeInstanceOf(PaceError);
    await waitFor("the handler's chat to have a slot within a second", async () => (await core.pace.reserveAll([{ bot: "staff", chatId: String(HANDLER) }], -1))[0].waitMs <= 1000);
    expect(await deliver(waiting)).toMatchObject({ sent: 2 });
    expect(await deliveries(waiting)).toBe(2);
  });
});
