import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { randomBytes } from "node:crypto";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { allowed, type ActionInput, type CaseAction } from "../../src/cases/rules.js";
import type { Actor, StaffActor } from "../../src/cases/permissions.js";
import type { Case } from "../../src/generated/prisma/client.js";
import { toStaffActor } from "../../src/staff/staff-service.js";
import { DECISION_TYPE_LIST, detailsOf, ENDINGS, fullyStaffed, HEARING_PANEL, requiredHandlers } from "../../src/reconsideration/reconsideration.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, type Cast } from "../helpers/case-fixtures.js";

/**
 * Random sequences of reconsideration actions by random actors, against the real Postgres, with the
 * rules table as the oracle: each result is what `allowed` predicts from the row as it was, a refusal
 * changes nothing, an applied action leaves exactly its one audit event, and the 2-or-3 rule holds in
 * every state reached (a hearing only with its panel, a decision only fully staffed).
 * Reproduce a failure with FC_SEED=<seed> (FC_RUNS runs; those that would start after FC_BUDGET_MS are
 * skipped whole, so a loaded machine runs fewer, never cut off midway).
 */
const SEED = Number(process.env.FC_SEED ?? 20261128);
const RUNS = Number(process.env.FC_RUNS ?? 6);
const BUDGET_MS = Number(process.env.FC_BUDGET_MS ?? 40_000);

let clock = Date.parse("2026-06-01T10:00:00+08:00");
let core: Core;
let cast: Cast;
let office: StaffActor[];
beforeAll(async () => {
  core = createCore(testConfig(), { now: () => new Date(clock) });
  await resetDatabase(core.prisma, { demoStaff: false });
  cast = await castOf(core);
  const dept = await core.prisma.department.findUniqueOrThrow({ where: { code: "reconsideration" } });
  const tag = randomBytes(3).readUIntBE(0, 3);
  office = [];
  for (const [n, role] of [[1, "SUPERVISOR"], [2, "HANDLER"], [3, "HANDLER"], [4, "HANDLER"]] as const) {
    office.push(toStaffActor(await core.prisma.staffMember.create({ data: { telegramId: BigInt(610_000_000 + tag * 10 + n), displayName: `p${n}`, role, departmentId: dept.id } })));
  }
});
afterAll(async () => {
  for (const name of QUEUE_NAMES) await core?.queues[name].obliterate({ force: true });
  await core?.close();
});

const METHODS = [
  "accept", "notAccept", "correction", "corrected", "expire", "deem", "assign", "major", "hearing", "confirm",
  "reply", "remind", "extend", "propose", "approve", "reject", "end", "withdraw", "clock",
] as const;
type Cmd = { m: (typeof METHODS)[number]; who: number; a: number };

describe("the reconsideration rows against the case service", () => {
  it("do only what the table allows, leave exactly their audit event, and keep the 2-or-3 rule", async () => {
    console.log(`reconsideration rules property: fast-check seed ${SEED}, ${RUNS} runs`);
    const budgetEnd = Date.now() + BUDGET_MS;
    let runs = 0;
    // Mostly the office (head and handlers), so cases get deep enough to matter; anyone else now and then.
    const who = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(2, 3, 2, 4, 5) }, { weight: 1, arbitrary: fc.nat({ max: 9 }) });
    // Actions that close the case come up less often than those that take it further.
    const closing = new Set(["notAccept", "end", "withdraw", "approve"]);
    const method = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...METHODS.filter((m) => !closing.has(m))) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });
    const cmd = fc.record({ m: method, who, a: fc.nat({ max: 9 }) });
    const applied = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 12, maxLength: 30 }), async (cmds: Cmd[]) => {
        if (Date.now() > budgetEnd) return;
        runs++;
        clock = Date.parse("2026-06-01T10:00:00+08:00");
        const { case: filed } = await core.cases.submit({
          submissionKey: `rcp-${randomBytes(6).toString("hex")}`,
          citizenId: cast.applicant.id,
          kind: "RECONSIDERATION",
          text: "撤销",
          anonymous: false,
          details: { applicant: { name: "a", phone: "13900001111" }, respondent: { departmentId: cast.housing.id, name: "h" }, act: "x", learnedOn: "2026-05-20", noticeNamedRemedy: true, request: "r", reasons: "rr", evidence: [] } as never,
        });
        await core.cases.routeReconsideration(filed.id);
        const actors: Actor[] = [cast.applicant, cast.otherCitizen, office[0], office[1], office[2], office[3], cast.handler, cast.otherHandler, cast.admin, { kind: "system" }];
        for (const c of cmds) {
          if (c.m === "clock") {
            clock += (1 + c.a) * 86_400_000;
            continue;
          }
          const before = (await core.prisma.case.findUniqueOrThrow({ where: { id: filed.id } })) as Case;
          const events = await core.prisma.caseEvent.count({ where: { caseId: filed.id } });
          const actor = actors[c.who];
          const staff = actor as StaffActor;
          const citizen = actor as never;
          const id = filed.id;
          const s = core.cases;
          const plan: Record<Exclude<Cmd["m"], "clock">, [CaseAction, ActionInput, () => Promise<{ ok: boolean }>]> = {
            accept: ["rc_accept", { procedure: c.a % 2 ? "simplified" : "ordinary" }, () => s.acceptReconsideration(id, staff, c.a % 2 ? "simplified" : "ordinary")],
            notAccept: ["rc_not_accept", {}, () => s.notAcceptReconsideration(id, staff, "理由")],
            correction: ["rc_request_correction", {}, () => s.requestReconsiderationCorrection(id, staff, "补正")],
            corrected: ["rc_correction_received", {}, () => s.reconsiderationCorrectionReceived(id, citizen, "已补正")],
            expire: ["rc_correction_expired", {}, () => s.expireReconsiderationCorrection(id)],
            deem: ["rc_deemed_accepted", { dueAt: before.dueAt.getTime() }, () => s.deemAccepted(id, before.dueAt.getTime())],
            assign: ["rc_assign_handler", { staffId: office[1 + (c.a % 3)].id }, () => s.assignReconsiderationHandler(id, staff, office[1 + (c.a % 3)].id)],
            major: ["rc_mark_major", {}, () => s.markReconsiderationMajor(id, staff)],
            hearing: ["rc_schedule_hearing", {}, () => s.scheduleHearing(id, staff, { at: "t", place: "p", recorder: "r" })],
            confirm: ["rc_confirm_hearing", {}, () => s.confirmHearing(id, actor as never)],
            reply: ["rc_respondent_reply", {}, () => s.respondentReply(id, staff, "答复")],
            remind: ["rc_remind_reply", {}, () => s.remindReply(id)],
            extend: ["rc_extend", { days: 25 + c.a }, () => s.extendReconsideration(id, staff, 25 + c.a, "复杂")],
            propose: ["rc_propose_decision", { decisionType: DECISION_TYPE_LIST[c.a] }, () => s.proposeDecision(id, staff, DECISION_TYPE_LIST[c.a], "决定")],
            approve: ["rc_approve_decision", {}, () => s.approveDecision(id, staff)],
            reject: ["rc_reject_decision", {}, () => s.rejectDecision(id, staff, "重拟")],
            end: ["rc_end", { outcome: ENDINGS[c.a % 3] }, () => s.endReconsideration(id, staff, ENDINGS[c.a % 3], "终止")],
            withdraw: ["withdraw", {}, () => s.withdraw(id, citizen, "撤回")],
          };
          const [action, input, run] = plan[c.m];
          // The alarms' actions are always the system's; elsewhere citizens are passed where staff are
          // expected (and back): the table must refuse them, not crash.
          const by: Actor = c.m === "expire" || c.m === "deem" || c.m === "remind" ? { kind: "system" } : actor;
          const predicted = allowed(action, by, before, { input, now: new Date(clock) }).ok;
          const got = (await run()).ok;
          expect({ action, who: c.who, got }).toEqual({ action, who: c.who, got: predicted });
          const after = (await core.prisma.case.findUniqueOrThrow({ where: { id } })) as Case;
          const added = await core.prisma.caseEvent.findMany({ where: { caseId: id }, orderBy: { id: "asc" }, skip: events });
          if (!got) {
            expect(after).toEqual(before);
            expect(added).toHaveLength(0);
          } else {
            expect(added.map((e) => e.action)).toEqual([action]);
            applied.set(action, (applied.get(action) ?? 0) + 1);
          }
          const d = detailsOf(after);
          if (d.hearing) expect((d.handlers ?? []).length).toBeGreaterThanOrEqual(Math.max(HEARING_PANEL, requiredHandlers(d)));
          if (d.decision) expect(fullyStaffed(d)).toBe(true);
          if (d.major && d.decision) expect(d.hearing).toBeDefined();
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`reconsideration rules property: ${runs} runs within the budget; applied: ${JSON.stringify(Object.fromEntries(applied))}`);
    expect(runs).toBeGreaterThan(0);
  }, 180_000);
});
