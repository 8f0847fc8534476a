import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { waitFor } from "../helpers/wait.js";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { caseOf, castOf, footprint, type Cast } from "../helpers/case-fixtures.js";

// The review findings on the case service (issue 7), each against the real Postgres.

let core: Core;
let cast: Cast;

beforeAll(() => {
  core = createCore(testConfig());
});
beforeEach(async () => {
  await resetDatabase(core.prisma);
  cast = await castOf(core);
});
afterEach(async () => {
  await core.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fault ON "PartyInvite"`);
  await core.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fault ON "Case"`);
  await core.prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_fault()`);
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core.close();
});

/** Makes Postgres refuse writes to `table` matching `condition` (a fault inside the transaction). */
async function failWrites(table: string, condition: string): Promise<void> {
  await core.prisma.$executeRawUnsafe(
    `CREATE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${condition} THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`,
  );
  await core.prisma.$executeRawUnsafe(`CREATE TRIGGER test_fault BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION test_fault()`);
}

const eventsOf = async (caseId: number) => (await core.cases.events(caseId)).map((e) => e.action);

describe("mediation invitations", () => {
  it("writes the invitation in the same transaction as its audit event: a failed write leaves neither", async () => {
    const c = await caseOf(core, cast, "MEDIATION");
    await failWrites("PartyInvite", "true");
    const before = await footprint(core, c.id);
    await expect(core.cases.inviteParty(c.id, cast.handler)).rejects.toThrow(/injected fault/);
    expect(await footprint(core, c.id)).toEqual(before);
    expect(await eventsOf(c.id)).not.toContain("invite_party");
  });

  it("does not let the applicant answer their own invitation, and a refused answer leaves the link usable", async () => {
    const c = await caseOf(core, cast, "MEDIATION");
    const invite = await core.cases.inviteParty(c.id, cast.handler);
    if (!invite.ok) throw new Error("invite refused");
    const before = await footprint(core, c.id);
    const own = await core.cases.partyAnswer(c.id, true, { token: invite.token, citizenId: cast.applicant.id });
    expect(own).toEqual({ ok: false, reason: "forbidden", status: "IN_PROGRESS" });
    expect(await footprint(core, c.id)).toEqual(before);
    expect((await core.prisma.partyInvite.findUniqueOrThrow({ where: { token: invite.token } })).usedAt).toBeNull();

    const other = await core.cases.partyAnswer(c.id, true, { token: invite.token, citizenId: cast.otherParty.id });
    expect(other).toMatchObject({ ok: true, case: { status: "IN_PROGRESS", otherPartyCitizenId: cast.otherParty.id } });
    expect((await core.prisma.partyInvite.findUniqueOrThrow({ where: { token: invite.token } })).usedAt).not.toBeNull();
    const last = (await core.cases.events(c.id)).at(-1);
    expect(last).toMatchObject({ action: "party_accepted", actor: "party" });
    // Used once, it answers no more.
    expect(await core.cases.partyAnswer(c.id, false, { token: invite.token, citizenId: cast.otherCitizen.id })).toMatchObject({ ok: false });
  });

  it("ends the mediation in one step when the other party declines, using up the link in the same transaction", async () => {
    const c = await caseOf(core, cast, "MEDIATION");
    const invite = await core.cases.inviteParty(c.id, cast.handler);
    if (!invite.ok) throw new Error("invite refused");
    const r = await core.cases.partyAnswer(c.id, false, { token: invite.token, citizenId: cast.otherParty.id });
    expect(r).toMatchObject({ ok: true, case: { status: "CLOSED", outcome: "declined" } });
    expect(r.ok && r.case.closedAt).toBeTruthy();
    const events = await core.cases.events(c.id);
    expect(events.at(-1)).toMatchObject({ action: "party_declined", fromStatus: "IN_PROGRESS", toStatus: "CLOSED" });
    expect(await core.prisma.outboxMessage.count({ where: { name: "party_declined" } })).toBe(1);
  });
});

describe("mediation outcomes", () => {
  it("close only mediations: a complaint cannot be ended as 'withdrawn' without an answer", async () => {
    const c = await caseOf(core, cast, "COMPLAINT");
    const before = await footprint(core, c.id);
    expect(await core.cases.conclude(c.id, cast.handler, "withdrawn")).toEqual({ ok: false, reason: "not_allowed", status: "IN_PROGRESS" });
    expect(await footprint(core, c.id)).toEqual(before);
  });
});

describe("answering a lead case (并单)", () => {
  async function leadWithFollower() {
    const lead = await caseOf(core, cast, "COMPLAINT");
    const follower = await caseOf(core, cast, "COMPLAINT", { citizen: cast.otherCitizen });
    expect(await core.cases.link(follower.id, { id: lead.id, number: lead.number, similarity: 0.9 })).toMatchObject({ ok: true });
    return { lead, follower };
  }

  it("closes every open linked complaint with it, whatever its status, each with its own event and notice", async () => {
    const { lead, follower } = await leadWithFollower();
    // The handler asked the second complainant something: the old code could not answer it from there.
    expect(await core.cases.ask(follower.id, cast.handler, "请问具体是哪一栋？")).toMatchObject({ ok: true, case: { status: "AWAITING_CITIZEN" } });
    const r = await core.cases.answer(lead.id, cast.handler, "已安排疏通。");
    expect(r).toMatchObject({ ok: true, case: { status: "CLOSED" } });
    const closed = await core.prisma.case.findUniqueOrThrow({ where: { id: follower.id } });
    expect(closed).toMatchObject({ status: "CLOSED", answer: "已安排疏通。", satisfied: null });
    expect(closed.closedAt).not.toBeNull();
    expect((await core.cases.events(follower.id)).at(-1)).toMatchObject({ action: "answer_linked", fromStatus: "AWAITING_CITIZEN", toStatus: "CLOSED" });
    const notices = await core.prisma.outboxMessage.findMany({ where: { name: "case_answered" } });
    expect(notices.map((n) => (n.payload as { caseId: number }).caseId).sort()).toEqual([lead.id, follower.id].sort());
  });

  it("is all or nothing: when a linked case cannot be closed, the lead stays open too", async () => {
    const { lead, follower } = await leadWithFollower();
    await failWrites("Case", `NEW.id = ${follower.id} AND NEW.status = 'CLOSED'`);
    const before = await footprint(core, lead.id);
    await expect(core.cases.answer(lead.id, cast.handler, "已安排疏通。")).rejects.toThrow(/injected fault/);
    expect(await footprint(core, lead.id)).toEqual(before);
    expect((await core.prisma.case.findUniqueOrThrow({ where: { id: follower.id } })).status).toBe("IN_PROGRESS");
  });
});

describe("corrections and transfers", () => {
  it("asks 补正 only of a disclosure request, and only once (art. 30)", async () => {
    const complaint = await caseOf(core, cast, "COMPLAINT");
    expect(await core.cases.requestCorrection(complaint.id, cast.handler, "请补充")).toMatchObject({ ok: false, reason: "not_allowed" });
    const d = await caseOf(core, cast, "DISCLOSURE");
    expect(await core.cases.requestCorrection(d.id, cast.handler, "请注明年度")).toMatchObject({ ok: true });
    expect(await core.cases.correctionReceived(d.id, cast.applicant, "2025 年度")).toMatchObject({ ok: true, case: { status: "IN_PROGRESS" } });
    const before = await footprint(core, d.id);
    expect(await core.cases.requestCorrection(d.id, cast.handler, "再补充一次")).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await footprint(core, d.id)).toEqual(before);
  });

  it("makes one transfer of two concurrent ones to the same department", async () => {
    // ASSIGNED -> ASSIGNED: a guard on the status alone cannot tell the second transfer from the first.
    const c = await caseOf(core, cast, "COMPLAINT", { accepted: false });
    const results = await Promise.all([
      core.cases.transfer(c.id, cast.admin, cast.environment.id),
      core.cases.transfer(c.id, cast.admin, cast.environment.id),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await eventsOf(c.id)).toEqual(["submit", "route", "transfer"]);
    expect(await core.prisma.caseLabel.count({ where: { caseId: c.id } })).toBe(1);
    // And once there, a transfer to where it already is changes nothing.
    const before = await footprint(core, c.id);
    expect(await core.cases.transfer(c.id, cast.admin, cast.environment.id)).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await footprint(core, c.id)).toEqual(before);
  });
});

describe("mediation bodies (人民调解法 arts. 7–8)", () => {
  it("take a mediation transferred to them, and refuse a complaint (人民调解法 art. 2)", async () => {
    const committee = await core.prisma.department.findUniqueOrThrow({ where: { code: "mediation_committee" } });
    expect(committee.kind).toBe("MEDIATION_BODY");
    const m = await caseOf(core, cast, "MEDIATION");
    expect(await core.cases.transfer(m.id, cast.handler, committee.id)).toMatchObject({ ok: true, case: { status: "ASSIGNED", departmentId: committee.id } });
    const complaint = await caseOf(core, cast, "COMPLAINT");
    const before = await footprint(core, complaint.id);
    expect(await core.cases.transfer(complaint.id, cast.handler, committee.id)).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await footprint(core, complaint.id)).toEqual(before);
  });
});

describe("a citizen withdrawing a case", () => {
  it("closes their own open case with the reason and tells whoever works it", async () => {
    const c = await caseOf(core, cast, "COMPLAINT");
    const handlerRow = await core.prisma.staffMember.findUniqueOrThrow({ where: { id: cast.handler.id } });
    const r = await core.cases.withdraw(c.id, cast.applicant, "问题已自行解决");
    expect(r).toMatchObject({ ok: true, case: { status: "CLOSED", answer: null } });
    expect(r.ok && r.case.closedAt).toBeTruthy();
    expect((await core.cases.events(c.id)).at(-1)).toMatchObject({ action: "withdraw", actor: "citizen", note: "问题已自行解决", toStatus: "CLOSED" });
    const out = await core.notifier.build({ type: "case_withdrawn", caseId: c.id });
    // The handler who works it, and the department's supervisors; nobody else.
    const supervisors = await core.prisma.staffMember.findMany({ where: { departmentId: c.departmentId, role: "SUPERVISOR", active: true } });
    expect(out.map((m) => m.chatId).sort()).toEqual([handlerRow.telegramId, ...supervisors.map((s) => s.telegramId)].sort());
    for (const m of out) expect(m).toMatchObject({ bot: "staff", text: expect.stringContaining("问题已自行解决") });
    expect(out[0].text).toContain(c.number);
    // Withdrawn is not answered: nothing to rate or reopen, and nothing more to withdraw.
    expect(await core.cases.rate(c.id, cast.applicant, false)).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await core.cases.withdraw(c.id, cast.applicant, "again")).toMatchObject({ ok: false, reason: "not_allowed" });
  });

  it("refuses anyone else's withdrawal, changing nothing", async () => {
    const c = await caseOf(core, cast, "DISCLOSURE", { accepted: false });
    const before = await footprint(core, c.id);
    expect(await core.cases.withdraw(c.id, cast.otherCitizen, "不是我的")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await footprint(core, c.id)).toEqual(before);
  });

  it("ends a mediation as withdrawn", async () => {
    const c = await caseOf(core, cast, "MEDIATION");
    expect(await core.cases.withdraw(c.id, cast.applicant, "已和解")).toMatchObject({ ok: true, case: { status: "CLOSED", outcome: "withdrawn" } });
  });
});

describe("a disclosure request's extension (条例 art. 33 ¶2)", () => {
  it("is asked and approved only while the limit runs; a case gone overdue stays overdue", async () => {
    const c = await caseOf(core, cast, "DISCLOSURE");
    const past = new Date(Date.now() - 60_000);
    await core.prisma.case.update({ where: { id: c.id }, data: { dueAt: past } });
    const before = await footprint(core, c.id);
    expect(await core.cases.requestExtension(c.id, cast.handler, 10, "档案多")).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await footprint(core, c.id)).toEqual(before);

    // Asked in time, but the due moment passes before the supervisor decides: the approval is refused.
    await core.prisma.case.update({ where: { id: c.id }, data: { dueAt: new Date(Date.now() + 86_400_000) } });
    expect((await core.cases.requestExtension(c.id, cast.handler, 10, "档案多")).ok).toBe(true);
    await core.prisma.case.update({ where: { id: c.id }, data: { dueAt: past, overdueAt: past } });
    expect(await core.cases.decideExtension(c.id, cast.supervisor, true)).toMatchObject({ ok: false, reason: "not_allowed" });
    const after = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ extensionState: "requested", dueAt: past, overdueAt: past });
  });

  it("granted before a 补正, ends with the old period: the handler may ask again after the restart (art. 30)", async () => {
    const c = await caseOf(core, cast, "DISCLOSURE");
    expect((await core.cases.requestExtension(c.id, cast.handler, 5, "需要会商")).ok).toBe(true);
    expect((await core.cases.decideExtension(c.id, cast.supervisor, true)).ok).toBe(true);
    expect((await core.cases.requestCorrection(c.id, cast.handler, "请写明文件名称")).ok).toBe(true);
    const corrected = await core.cases.correctionReceived(c.id, cast.applicant, "《加装电梯审批表》");
    expect(corrected).toMatchObject({ ok: true, case: { extensionState: null, extensionDays: null } });
    expect((await core.cases.requestExtension(c.id, cast.handler, 5, "仍需会商")).ok).toBe(true);
  });
});

describe("two changes racing on one case", () => {
  it("judges an action again when another change commits between its read and its write, instead of refusing it", async () => {
    // Found by the fault suite: a due-date reminder committed while the routing job was applying,
    // the routing was answered "not allowed", and the case stayed unrouted for good.
    const c = await caseOf(core, cast, "COMPLAINT", { routed: false });
    const other = new pg.Client({ connectionString: core.config.DATABASE_URL });
    await other.connect();
    try {
      // Another change holds the row: the routing reads the case as it was, then waits at its write.
      await other.query("BEGIN");
      await other.query(`UPDATE "Case" SET "remindedAt" = now(), "updatedAt" = now() + interval '1 second' WHERE id = $1`, [c.id]);
      const routing = core.cases.route(c.id, cast.housing.id);
      await waitFor("the routing waiting for the row", async () => {
        const r = await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return r.rows[0].n > 0;
      });
      await other.query("COMMIT");
      expect(await routing).toMatchObject({ ok: true, case: { status: "ASSIGNED", departmentId: cast.housing.id } });
      expect((await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).remindedAt).not.toBeNull();
      expect(await eventsOf(c.id)).toEqual(["submit", "route"]);
    } finally {
      await other.end();
    }
  });
});
