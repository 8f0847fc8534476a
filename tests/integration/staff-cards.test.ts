import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { startEmulator, type EmulatorServer } from "../../src/telegram/emulator.js";
import { EmulatorUser } from "../../src/telegram/emulator-client.js";
import { RetryLaterError } from "../../src/queues/job-errors.js";
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
});
