import { describe, expect, it } from "vitest";
import { allowed, CASE_ACTIONS, RULES, type CaseAction, type Relations } from "../../src/cases/rules.js";
import { CASE_STATUSES } from "../../src/cases/state-machine.js";
import type { Actor } from "../../src/cases/permissions.js";
import type { Case, CaseKind, CaseStatus, StaffRole } from "../../src/generated/prisma/client.js";

const KINDS: CaseKind[] = ["COMPLAINT", "DISCLOSURE", "MEDIATION", "RECONSIDERATION"];
const NOW = new Date("2026-12-01T02:00:00Z");
const TOMORROW = new Date(NOW.getTime() + 86_400_000);

/** A case of department 1, filed by citizen 7, in a state where every action's own conditions hold. */
function aCase(over: Partial<Case> = {}): Case {
  return {
    id: 10,
    number: "MS-2026-000010",
    submissionKey: "k",
    kind: "COMPLAINT",
    status: "IN_PROGRESS",
    priority: "NORMAL",
    citizenId: 7,
    departmentId: 1,
    handlerId: 1,
    text: "t",
    location: null,
    attachments: [],
    anonymous: true,
    contactName: null,
    contactPhone: null,
    classifiedAt: null,
    suggestedDepartmentCode: null,
    confidence: null,
    modelVersion: null,
    classifierReasons: null,
    dueAt: new Date(NOW.getTime() - 1000),
    answer: "a",
    replyType: null,
    satisfied: null,
    details: { followupSentAt: "2026-11-01T00:00:00Z" },
    correctionRequestedAt: null,
    correctionDueAt: null,
    correctionLapseAskedAt: null,
    consultationKind: null,
    consultationStartedAt: null,
    consultationEndsAt: null,
    consultationRemainingDays: null,
    dueFrom: null,
    dueWorkingDays: null,
    dueProvisional: false,
    extensionState: null,
    extensionDays: null,
    outcome: "agreement",
    otherPartyCitizenId: null,
    linkedToId: null,
    remindedAt: null,
    overdueAt: null,
    createdAt: new Date(NOW.getTime() - 86_400_000),
    updatedAt: NOW,
    closedAt: null,
    anonymisedAt: null,
    reviewRequestedAt: null,
    reviewDecidedAt: null,
    reviewResult: null,
    reviewOpinion: null,
    publicationState: null,
    dupKeys: [],
    accessSecretHash: null,
    ...over,
  };
}

const staff = (role: StaffRole, departmentId: number | null, active = true, id = 1): Actor => ({ kind: "staff", id, role, departmentId, active });

/** Everyone who may try, with the relations they can show. */
const ACTORS: Record<string, { actor: Actor; relations?: Relations }> = {
  system: { actor: { kind: "system" } },
  applicant: { actor: { kind: "citizen", id: 7 } },
  applicantWithInvitation: { actor: { kind: "citizen", id: 7 }, relations: { invitation: true } },
  otherCitizen: { actor: { kind: "citizen", id: 8 } },
  otherParty: { actor: { kind: "citizen", id: 8 }, relations: { invitation: true } },
  handler: { actor: staff("HANDLER", 1) },
  supervisor: { actor: staff("SUPERVISOR", 1) },
  otherHandler: { actor: staff("HANDLER", 2) },
  otherSupervisor: { actor: staff("SUPERVISOR", 2) },
  leadHandler: { actor: staff("HANDLER", 3), relations: { lead: { id: 99, departmentId: 3 } } },
  dispatcher: { actor: staff("DISPATCHER", null) },
  admin: { actor: staff("ADMIN", null) },
  inactiveHandler: { actor: staff("HANDLER", 1, false) },
  legalOffice: { actor: staff("LEGAL_OFFICE", null) },
  inactiveAdmin: { actor: staff("ADMIN", null, false) },
  /** A reconsideration's lead handler (staff 42, first of its handlers), working in department 5. */
  rcLead: { actor: staff("HANDLER", 5, true, 42) },
  /** Staff of the respondent agency (department 4) of a reconsideration. */
  respondent: { actor: staff("HANDLER", 4) },
};

const DEPT = ["handler", "supervisor", "admin"];
const PARTIES = ["applicant", "applicantWithInvitation", "otherCitizen", "otherParty"];
/** Who may do what, written out by hand: everyone else is refused as "forbidden". */
const WHO: Record<CaseAction, string[]> = {
  route: ["system"],
  escalate: ["system"],
  classify: ["system"],
  assign: ["dispatcher", "admin"],
  accept: DEPT,
  ask: DEPT,
  citizen_reply: ["applicant", "applicantWithInvitation"],
  return: DEPT,
  transfer: DEPT,
  answer: DEPT,
  link: ["system"],
  answer_linked: ["leadHandler", "admin"],
  reopen: ["applicant", "applicantWithInvitation"],
  rate: ["applicant", "applicantWithInvitation"],
  withdraw: ["applicant", "applicantWithInvitation"],
  urge: ["supervisor", "admin"],
  remind: ["system"],
  overdue: ["system"],
  request_correction: DEPT,
  correction_received: ["applicant", "applicantWithInvitation"],
  correction_lapse_due: ["system"],
  // 条例 art. 30: only the handler's confirmation closes a lapsed 补正.
  correction_expired: DEPT,
  correction_more_time: DEPT,
  consult: DEPT,
  consultation_answered: DEPT,
  consultation_ended: ["system"],
  due_recounted: ["system"],
  request_extension: DEPT,
  approve_extension: ["supervisor", "admin"],
  reject_extension: ["supervisor", "admin"],
  invite_party: DEPT,
  // The applicant cannot answer their own mediation's invitation, even holding the link.
  party_accepted: ["otherParty", ...DEPT],
  party_declined: ["otherParty", ...DEPT],
  conclude: DEPT,
  followup: ["system"],
  // Both parties (the applicant, and citizen 8 who accepted the invitation) answer the follow-up and confirm the agreement.
  agreement_carried_out: PARTIES,
  agreement_not_carried_out: PARTIES,
  review_decided: ["supervisor", "admin"],
  agreement_drafted: DEPT,
  agreement_confirmed: PARTIES,
  agreement_effective: ["system"],
  judicial_reminder: ["system"],
  rc_accept: DEPT,
  rc_not_accept: DEPT,
  rc_request_correction: DEPT,
  rc_correction_received: ["applicant", "applicantWithInvitation"],
  rc_correction_expired: ["system"],
  rc_deemed_accepted: ["system"],
  rc_assign_handler: ["supervisor", "admin"],
  rc_mark_major: ["supervisor", "admin"],
  rc_schedule_hearing: DEPT,
  rc_confirm_hearing: ["applicant", "applicantWithInvitation", "respondent"],
  rc_respondent_reply: ["respondent"],
  rc_remind_reply: ["system"],
  rc_extend: ["supervisor", "admin"],
  // Only the lead handler proposes, whatever their role elsewhere (arts. 63–69 decisions).
  rc_propose_decision: ["rcLead"],
  rc_approve_decision: ["supervisor", "admin"],
  rc_reject_decision: ["supervisor", "admin"],
  rc_end: DEPT,
  // Item 31: the department's supervisor approves what the handler proposed.
  propose_publication: DEPT,
  approve_publication: ["supervisor", "admin"],
  decline_publication: ["supervisor", "admin"],
  // Item 19: only the legal office reviews case files.
  review_case_file: ["legalOffice"],
  record_lawsuit: ["legalOffice", "admin"],
};

const OPEN = "SUBMITTED PENDING_DISPATCH ASSIGNED IN_PROGRESS AWAITING_CITIZEN AWAITING_CORRECTION REOPENED";
const RUNNING = "SUBMITTED PENDING_DISPATCH ASSIGNED IN_PROGRESS AWAITING_CITIZEN REOPENED";
/** Where a department works a case: a complaint under review (REOPENED) is its supervisor's alone. */
const WORKING = "ASSIGNED IN_PROGRESS AWAITING_CITIZEN";
/** The lifecycle written out by hand: kinds ("*": the first three, "*+": reconsiderations too), from-statuses, and the status reached ("=" unchanged). */
const LIFECYCLE: Record<CaseAction, [string, string, string]> = {
  route: ["*+", "SUBMITTED", "ASSIGNED"],
  escalate: ["*", "SUBMITTED", "PENDING_DISPATCH"],
  classify: ["*", "SUBMITTED", "="],
  assign: ["*", "PENDING_DISPATCH", "ASSIGNED"],
  accept: ["*", "ASSIGNED", "IN_PROGRESS"],
  ask: ["*", "IN_PROGRESS", "AWAITING_CITIZEN"],
  citizen_reply: ["*", "AWAITING_CITIZEN", "IN_PROGRESS"],
  return: ["*", WORKING, "PENDING_DISPATCH"],
  transfer: ["*", "ASSIGNED IN_PROGRESS", "ASSIGNED"],
  answer: ["COMPLAINT DISCLOSURE", "IN_PROGRESS", "CLOSED"],
  link: ["COMPLAINT", OPEN, "="],
  answer_linked: ["COMPLAINT", OPEN, "CLOSED"],
  reopen: ["COMPLAINT", "CLOSED", "REOPENED"],
  rate: ["COMPLAINT", "CLOSED", "="],
  withdraw: ["*+", OPEN, "CLOSED"],
  urge: ["*+", OPEN, "="],
  remind: ["*+", RUNNING, "="],
  overdue: ["*+", RUNNING, "="],
  request_correction: ["DISCLOSURE", "IN_PROGRESS", "AWAITING_CORRECTION"],
  correction_received: ["DISCLOSURE", "AWAITING_CORRECTION", "IN_PROGRESS"],
  correction_lapse_due: ["DISCLOSURE", "AWAITING_CORRECTION", "="],
  correction_expired: ["DISCLOSURE", "AWAITING_CORRECTION", "CLOSED"],
  correction_more_time: ["DISCLOSURE", "AWAITING_CORRECTION", "="],
  consult: ["DISCLOSURE", "IN_PROGRESS AWAITING_CITIZEN", "="],
  consultation_answered: ["DISCLOSURE", OPEN, "="],
  consultation_ended: ["DISCLOSURE", OPEN, "="],
  due_recounted: ["*", OPEN, "="],
  request_extension: ["COMPLAINT DISCLOSURE", "SUBMITTED PENDING_DISPATCH ASSIGNED IN_PROGRESS AWAITING_CITIZEN", "="],
  approve_extension: ["COMPLAINT DISCLOSURE", OPEN, "="],
  reject_extension: ["COMPLAINT DISCLOSURE", OPEN, "="],
  invite_party: ["MEDIATION", WORKING, "="],
  party_accepted: ["MEDIATION", OPEN, "="],
  party_declined: ["MEDIATION", OPEN, "CLOSED"],
  conclude: ["MEDIATION", WORKING, "CLOSED"],
  followup: ["MEDIATION", "CLOSED", "="],
  agreement_carried_out: ["MEDIATION", "CLOSED", "="],
  agreement_not_carried_out: ["MEDIATION", "CLOSED", "="],
  review_decided: ["COMPLAINT", "REOPENED", "CLOSED"],
  agreement_drafted: ["MEDIATION", WORKING, "="],
  agreement_confirmed: ["MEDIATION", WORKING, "="],
  agreement_effective: ["MEDIATION", WORKING, "CLOSED"],
  judicial_reminder: ["MEDIATION", "CLOSED", "="],
  rc_accept: ["RECONSIDERATION", "ASSIGNED", "IN_PROGRESS"],
  rc_not_accept: ["RECONSIDERATION", "ASSIGNED", "CLOSED"],
  rc_request_correction: ["RECONSIDERATION", "ASSIGNED", "AWAITING_CORRECTION"],
  rc_correction_received: ["RECONSIDERATION", "AWAITING_CORRECTION", "ASSIGNED"],
  rc_correction_expired: ["RECONSIDERATION", "AWAITING_CORRECTION", "CLOSED"],
  rc_deemed_accepted: ["RECONSIDERATION", "ASSIGNED", "IN_PROGRESS"],
  rc_assign_handler: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_mark_major: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_schedule_hearing: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_confirm_hearing: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_respondent_reply: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_remind_reply: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_extend: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_propose_decision: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_approve_decision: ["RECONSIDERATION", "IN_PROGRESS", "CLOSED"],
  rc_reject_decision: ["RECONSIDERATION", "IN_PROGRESS", "="],
  rc_end: ["RECONSIDERATION", "ASSIGNED IN_PROGRESS AWAITING_CORRECTION", "CLOSED"],
  propose_publication: ["COMPLAINT", "CLOSED", "="],
  approve_publication: ["COMPLAINT", "CLOSED", "="],
  decline_publication: ["COMPLAINT", "CLOSED", "="],
  review_case_file: ["*+", `${OPEN} CLOSED`, "="],
  record_lawsuit: ["DISCLOSURE", "CLOSED", "="],
};

const OLD_KINDS = "COMPLAINT DISCLOSURE MEDIATION";
const kindsOf = (k: string) => (k.trim() === "*" ? OLD_KINDS : k.trim() === "*+" ? `${OLD_KINDS} RECONSIDERATION` : k).split(" ");

/** A reconsideration with its respondent (department 4), three handlers led by staff 42, and an ordinary procedure. */
const RC = { respondent: { departmentId: 4, name: "r" }, handlers: [42, 43, 44], procedure: "ordinary", reply: { dueAt: "2026-12-10T15:59:59.999Z" } };

/** A mediation agreement as entered (人民调解法 art. 29), with `over` over it. */
const AGREEMENT = (over: Record<string, unknown>) => ({
  facts: "f",
  responsibilities: "r",
  applicantDoes: "a",
  otherDoes: "o",
  how: "h",
  byDate: "2026-12-31",
  draftedAt: "2026-11-01T00:00:00.000Z",
  confirmedBy: {},
  ...over,
});

/** A case on which the action's own (non-status) conditions hold. */
function readyFor(action: CaseAction, kind: CaseKind, status: CaseStatus): Case {
  const over: Partial<Case> = { kind, status };
  if (action === "approve_extension" || action === "reject_extension") over.extensionState = "requested";
  if (action === "request_extension" || action === "approve_extension") over.dueAt = new Date(NOW.getTime() + 86_400_000);
  if (action === "agreement_carried_out" || action === "agreement_not_carried_out") over.details = { followupSentAt: "x" };
  if (action.startsWith("agreement_") || action === "judicial_reminder") over.otherPartyCitizenId = 8;
  if (action === "agreement_drafted") over.details = { otherPartyAnswer: "accepted" };
  if (action === "agreement_confirmed") over.details = { otherPartyAnswer: "accepted", agreement: AGREEMENT({}) };
  if (action === "agreement_effective") over.details = { otherPartyAnswer: "accepted", agreement: AGREEMENT({ confirmedBy: { applicant: "x", other: "y" } }) };
  if (action === "judicial_reminder") over.details = { agreement: AGREEMENT({ effectiveAt: "2026-11-02T03:00:00Z" }) };
  if (action === "reopen") over.closedAt = new Date(NOW.getTime() - 86_400_000);
  if (action === "review_decided") over.reviewRequestedAt = NOW;
  if (action === "followup") over.details = {};
  if (action === "correction_lapse_due" || action === "correction_expired") over.correctionDueAt = new Date(NOW.getTime() - 1);
  if (action === "correction_expired") over.correctionLapseAskedAt = NOW;
  if (action === "consult") over.dueAt = TOMORROW;
  if (action === "consultation_answered" || action === "consultation_ended") {
    over.consultationStartedAt = new Date(NOW.getTime() - 20 * 86_400_000);
    over.consultationEndsAt = new Date(NOW.getTime() - 1);
  }
  if (action === "due_recounted") over.dueProvisional = true;
  if (action === "approve_publication" || action === "decline_publication") over.publicationState = "proposed";
  if (action.startsWith("rc_")) {
    over.details = {
      ...RC,
      ...(action === "rc_confirm_hearing" ? { hearing: { at: "x", place: "p", presidingId: 42, officerIds: [43, 44], recorder: "r" } } : {}),
      ...(action === "rc_approve_decision" || action === "rc_reject_decision" ? { proposal: { type: "uphold", text: "t", byId: 42 } } : {}),
      ...(action === "rc_correction_expired" ? { correction: { text: "t", dueAt: new Date(NOW.getTime() - 1).toISOString() } } : {}),
    };
    if (action === "rc_extend") over.dueAt = TOMORROW;
  }
  return aCase(over);
}

describe("the rules table", () => {
  it("has a rule for every action and nothing else", () => {
    expect(Object.keys(WHO).sort()).toEqual([...CASE_ACTIONS].sort());
    expect(Object.keys(LIFECYCLE).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  describe.each(CASE_ACTIONS)("%s", (action) => {
    it("lets exactly its actors act, and refuses everyone else as forbidden", () => {
      const [kinds, from] = LIFECYCLE[action];
      const kind = kindsOf(kinds)[0] as CaseKind;
      const c = readyFor(action, kind, from.split(" ")[0] as CaseStatus);
      const permitted = Object.entries(ACTORS)
        .filter(([, a]) => allowed(action, a.actor, c, { relations: a.relations, now: NOW }).ok)
        .map(([name]) => name);
      expect(permitted.sort()).toEqual([...WHO[action]].sort());
      for (const [name, a] of Object.entries(ACTORS)) {
        if (WHO[action].includes(name)) continue;
        expect(allowed(action, a.actor, c, { relations: a.relations, now: NOW })).toEqual({ ok: false, reason: "forbidden" });
      }
    });

    it("goes from exactly its statuses, on exactly its kinds, to its status", () => {
      const [kinds, from, to] = LIFECYCLE[action];
      const who = ACTORS[WHO[action][0]];
      for (const kind of KINDS) {
        for (const status of CASE_STATUSES) {
          const expected = kindsOf(kinds).includes(kind) && from.split(" ").includes(status);
          const v = allowed(action, who.actor, readyFor(action, kind, status), { relations: who.relations, now: NOW });
          expect({ kind, status, ok: v.ok }).toEqual({ kind, status, ok: expected });
          if (v.ok) expect(v.to).toBe(to === "=" ? status : to);
          else expect(v).toEqual({ ok: false, reason: "not_allowed" });
        }
      }
    });
  });

  it("leaves a closed case only by the citizen's reopening of a complaint's answer", () => {
    const leaving = CASE_ACTIONS.filter((a) => (RULES[a].from as readonly string[]).includes("CLOSED") && RULES[a].to !== "unchanged");
    expect(leaving).toEqual(["reopen"]);
  });

  it("ends only mediations with a mediation outcome, and asks 补正 only of disclosure requests", () => {
    const handler = ACTORS.handler.actor;
    expect(allowed("conclude", handler, aCase({ kind: "COMPLAINT" }), { input: { outcome: "withdrawn" } })).toEqual({ ok: false, reason: "not_allowed" });
    expect(allowed("request_correction", handler, aCase({ kind: "COMPLAINT" }), { now: NOW })).toEqual({ ok: false, reason: "not_allowed" });
    expect(allowed("conclude", handler, aCase({ kind: "MEDIATION" }), { input: { outcome: "withdrawn" } }).ok).toBe(true);
    expect(allowed("conclude", handler, aCase({ kind: "MEDIATION" }), { input: { outcome: "declined" } }).ok).toBe(false);
    // 人民调解法 arts. 29–30: an agreement is not recorded as an outcome; it takes effect when both parties confirmed it.
    expect(allowed("conclude", handler, aCase({ kind: "MEDIATION" }), { input: { outcome: "agreement" } }).ok).toBe(false);
  });
});

/** A reconsideration in progress (see RC), with `d` over its details and `over` over the row. */
const rc = (d: Record<string, unknown>, over: Partial<Case> = {}) => aCase({ kind: "RECONSIDERATION", details: { ...RC, ...d }, ...over });

describe("the actions' own conditions", () => {
  const h = ACTORS.handler.actor;
  const cases: [string, CaseAction, Actor, Case, Parameters<typeof allowed>[3], boolean][] = [
    ["transfer to another department", "transfer", h, aCase(), { input: { departmentId: 2 } }, true],
    ["transfer to the same department", "transfer", h, aCase(), { input: { departmentId: 1 } }, false],
    ["a disclosure answer with its statutory type (art. 36)", "answer", h, aCase({ kind: "DISCLOSURE" }), { input: { replyType: "disclosed" } }, true],
    ["a disclosure answer without one", "answer", h, aCase({ kind: "DISCLOSURE" }), { input: {} }, false],
    ["a complaint answer with a disclosure type", "answer", h, aCase(), { input: { replyType: "disclosed" } }, false],
    ["补正 within 7 working days (art. 30)", "request_correction", h, aCase({ kind: "DISCLOSURE" }), { now: NOW }, true],
    ["补正 a second time", "request_correction", h, aCase({ kind: "DISCLOSURE", correctionRequestedAt: NOW }), { now: NOW }, false],
    ["补正 after 7 working days", "request_correction", h, aCase({ kind: "DISCLOSURE", createdAt: new Date("2026-11-01T02:00:00Z") }), { now: NOW }, false],
    ["an extension of 20 working days (art. 33)", "request_extension", h, aCase({ kind: "DISCLOSURE", dueAt: TOMORROW }), { now: NOW, input: { days: 20 } }, true],
    ["an extension of 21", "request_extension", h, aCase({ kind: "DISCLOSURE", dueAt: TOMORROW }), { now: NOW, input: { days: 21 } }, false],
    ["a second extension", "request_extension", h, aCase({ kind: "DISCLOSURE", dueAt: TOMORROW, extensionState: "rejected" }), { now: NOW, input: { days: 5 } }, false],
    ["an extension asked after the due date (art. 33 ¶2)", "request_extension", h, aCase({ kind: "DISCLOSURE", dueAt: new Date(NOW.getTime() - 1) }), { now: NOW, input: { days: 5 } }, false],
    ["an extension asked on a case that went overdue", "request_extension", h, aCase({ kind: "DISCLOSURE", dueAt: TOMORROW, overdueAt: NOW }), { now: NOW, input: { days: 5 } }, false],
    ["an extension approved on its last moment", "approve_extension", ACTORS.supervisor.actor, aCase({ kind: "DISCLOSURE", dueAt: NOW, extensionState: "requested" }), { now: NOW }, true],
    ["an extension approved after the due date", "approve_extension", ACTORS.supervisor.actor, aCase({ kind: "DISCLOSURE", dueAt: new Date(NOW.getTime() - 1), extensionState: "requested" }), { now: NOW }, false],
    ["an extension rejected after the due date (nothing changes)", "reject_extension", ACTORS.supervisor.actor, aCase({ kind: "DISCLOSURE", dueAt: new Date(NOW.getTime() - 1), extensionState: "requested" }), { now: NOW }, true],
    // 条例 art. 30: the period given for a 补正 passes; nothing closes until the handler confirms.
    ["asking the handler before the 补正 period ends", "correction_lapse_due", { kind: "system" }, aCase({ kind: "DISCLOSURE", status: "AWAITING_CORRECTION", correctionDueAt: TOMORROW }), { now: NOW }, false],
    ["asking the handler after the 补正 period (art. 30)", "correction_lapse_due", { kind: "system" }, aCase({ kind: "DISCLOSURE", status: "AWAITING_CORRECTION", correctionDueAt: new Date(NOW.getTime() - 1) }), { now: NOW }, true],
    ["asking the handler twice", "correction_lapse_due", { kind: "system" }, aCase({ kind: "DISCLOSURE", status: "AWAITING_CORRECTION", correctionDueAt: new Date(NOW.getTime() - 1), correctionLapseAskedAt: NOW }), { now: NOW }, false],
    ["closing a lapsed 补正 the handler was not asked about (art. 30)", "correction_expired", h, aCase({ kind: "DISCLOSURE", status: "AWAITING_CORRECTION", correctionDueAt: new Date(NOW.getTime() - 1) }), { now: NOW }, false],
    ["closing a 补正 given more time, before the new period ends", "correction_expired", h, aCase({ kind: "DISCLOSURE", status: "AWAITING_CORRECTION", correctionDueAt: TOMORROW, correctionLapseAskedAt: NOW }), { now: NOW }, false],
    ["giving 30 more working days for a 补正 (good reason, art. 30)", "correction_more_time", h, aCase({ kind: "DISCLOSURE", status: "AWAITING_CORRECTION" }), { now: NOW, input: { days: 30 } }, true],
    ["giving 31", "correction_more_time", h, aCase({ kind: "DISCLOSURE", status: "AWAITING_CORRECTION" }), { now: NOW, input: { days: 31 } }, false],
    // 条例 arts. 32–34: one consultation at a time, while the limit runs; it stops the alarms.
    ["consulting a third party (art. 32)", "consult", h, aCase({ kind: "DISCLOSURE", dueAt: TOMORROW }), { now: NOW, input: { consultation: "third_party" } }, true],
    ["consulting something else", "consult", h, aCase({ kind: "DISCLOSURE", dueAt: TOMORROW }), { now: NOW, input: { consultation: "friend" } }, false],
    ["consulting after the due date (art. 33 ¶3 stops a running clock only)", "consult", h, aCase({ kind: "DISCLOSURE", dueAt: new Date(NOW.getTime() - 1) }), { now: NOW, input: { consultation: "agency" } }, false],
    ["consulting twice at once", "consult", h, aCase({ kind: "DISCLOSURE", dueAt: TOMORROW, consultationStartedAt: NOW }), { now: NOW, input: { consultation: "agency" } }, false],
    ["补正 while a consultation stops the clock", "request_correction", h, aCase({ kind: "DISCLOSURE", consultationStartedAt: NOW }), { now: NOW }, false],
    ["recording an answer with no consultation", "consultation_answered", h, aCase({ kind: "DISCLOSURE" }), { now: NOW }, false],
    ["ending a consultation before its 15 working days (art. 32)", "consultation_ended", { kind: "system" }, aCase({ kind: "DISCLOSURE", consultationStartedAt: NOW, consultationEndsAt: TOMORROW }), { now: NOW }, false],
    ["an overdue alarm while a consultation stops the clock (art. 33 ¶3)", "overdue", { kind: "system" }, aCase({ consultationStartedAt: NOW }), { now: NOW, input: { dueAt: NOW.getTime() - 1000 } }, false],
    ["a reminder while a consultation stops the clock", "remind", { kind: "system" }, aCase({ consultationStartedAt: NOW }), { now: NOW, input: { dueAt: NOW.getTime() - 1000 } }, false],
    ["recounting a due date that is not provisional", "due_recounted", { kind: "system" }, aCase(), { input: { dueAt: 5 } }, false],
    ["rating an answer", "rate", ACTORS.applicant.actor, aCase({ status: "CLOSED" }), {}, true],
    ["rating twice", "rate", ACTORS.applicant.actor, aCase({ status: "CLOSED", satisfied: true }), {}, false],
    ["reopening a withdrawn case (no answer)", "reopen", ACTORS.applicant.actor, aCase({ status: "CLOSED", answer: null, closedAt: NOW }), {}, false],
    // 信访工作条例 art. 35: a review within 30 days of the answer. Answered 2026-11-01 10:00 Shanghai: the 30th day after is 12-01, to its end.
    ["a review asked on the 30th day after the answer (信访工作条例 art. 35)", "reopen", ACTORS.applicant.actor, aCase({ status: "CLOSED", closedAt: new Date("2026-11-01T02:00:00Z") }), { now: new Date("2026-12-01T15:59:59Z") }, true],
    ["a review asked on the 31st day (信访工作条例 art. 35)", "reopen", ACTORS.applicant.actor, aCase({ status: "CLOSED", closedAt: new Date("2026-11-01T02:00:00Z") }), { now: new Date("2026-12-01T16:00:00Z") }, false],
    ["a review opinion upheld (信访工作条例 art. 35)", "review_decided", ACTORS.supervisor.actor, aCase({ status: "REOPENED", reviewRequestedAt: NOW }), { input: { reviewResult: "upheld" } }, true],
    ["a review opinion of no known result", "review_decided", ACTORS.supervisor.actor, aCase({ status: "REOPENED", reviewRequestedAt: NOW }), { input: { reviewResult: "maybe" } }, false],
    ["a review decided by the handler who answered", "review_decided", h, aCase({ status: "REOPENED", reviewRequestedAt: NOW }), { input: { reviewResult: "upheld" } }, false],
    ["a review decided twice", "review_decided", ACTORS.supervisor.actor, aCase({ status: "REOPENED", reviewRequestedAt: NOW, reviewDecidedAt: NOW }), { input: { reviewResult: "changed" } }, false],
    ["the handler accepting a complaint under review again", "accept", h, aCase({ status: "REOPENED", reviewRequestedAt: NOW }), {}, false],
    // 信访工作条例 art. 34: a complaint's extension, approved by the supervisor, at most 30 days (or the deployment's maximum).
    ["a complaint extension of 30 days (信访工作条例 art. 34)", "request_extension", h, aCase({ dueAt: TOMORROW }), { now: NOW, input: { days: 30, maxDays: 30 } }, true],
    ["a complaint extension of 31 days (信访工作条例 art. 34)", "request_extension", h, aCase({ dueAt: TOMORROW }), { now: NOW, input: { days: 31, maxDays: 31 } }, false],
    ["a complaint extension over the deployment's maximum of 10", "request_extension", h, aCase({ dueAt: TOMORROW }), { now: NOW, input: { days: 11, maxDays: 10 } }, false],
    ["a complaint extension asked after the due date (信访工作条例 art. 34)", "request_extension", h, aCase({ dueAt: new Date(NOW.getTime() - 1) }), { now: NOW, input: { days: 5, maxDays: 30 } }, false],
    ["a complaint extension approved after the due date", "approve_extension", ACTORS.supervisor.actor, aCase({ dueAt: new Date(NOW.getTime() - 1), extensionState: "requested" }), { now: NOW }, false],
    ["extending a complaint's review period", "request_extension", h, aCase({ status: "REOPENED", dueAt: TOMORROW }), { now: NOW, input: { days: 5, maxDays: 30 } }, false],
    // 人民调解法 arts. 29–30, 33: the agreement, each party's confirmation, the judicial-confirmation reminder.
    ["an agreement entered before the other party accepted (人民调解法 art. 29)", "agreement_drafted", h, aCase({ kind: "MEDIATION", otherPartyCitizenId: null, details: {} }), {}, false],
    ["the applicant confirming the agreement (人民调解法 art. 29)", "agreement_confirmed", ACTORS.applicant.actor, aCase({ kind: "MEDIATION", otherPartyCitizenId: 8, details: { agreement: AGREEMENT({}) } }), { input: { party: "applicant", version: Date.parse("2026-11-01T00:00:00.000Z") } }, true],
    ["the applicant confirming twice", "agreement_confirmed", ACTORS.applicant.actor, aCase({ kind: "MEDIATION", otherPartyCitizenId: 8, details: { agreement: AGREEMENT({ confirmedBy: { applicant: "x" } }) } }), { input: { party: "applicant" } }, false],
    ["a party confirming a version since replaced", "agreement_confirmed", ACTORS.otherCitizen.actor, aCase({ kind: "MEDIATION", otherPartyCitizenId: 8, details: { agreement: AGREEMENT({}) } }), { input: { party: "other", version: 1 } }, false],
    ["a stranger confirming the agreement", "agreement_confirmed", { kind: "citizen", id: 9 }, aCase({ kind: "MEDIATION", otherPartyCitizenId: 8, details: { agreement: AGREEMENT({}) } }), { input: { party: "other" } }, false],
    ["the agreement taking effect with one confirmation (人民调解法 art. 29)", "agreement_effective", { kind: "system" }, aCase({ kind: "MEDIATION", details: { agreement: AGREEMENT({ confirmedBy: { applicant: "x" } }) } }), {}, false],
    // In effect 2026-11-02: the 30 days of art. 33 end with 2026-12-02 (Shanghai); a 7-day reminder is due from the end of 11-25.
    ["the judicial-confirmation reminder 7 days before the 30 days end (人民调解法 art. 33)", "judicial_reminder", { kind: "system" }, aCase({ kind: "MEDIATION", status: "CLOSED", details: { agreement: AGREEMENT({ effectiveAt: "2026-11-02T03:00:00Z" }) } }), { now: NOW, input: { days: 7 } }, true],
    ["the judicial-confirmation reminder 19 days before they end (人民调解法 art. 33)", "judicial_reminder", { kind: "system" }, aCase({ kind: "MEDIATION", status: "CLOSED", details: { agreement: AGREEMENT({ effectiveAt: "2026-11-20T03:00:00Z" }) } }), { now: NOW, input: { days: 7 } }, false],
    ["the judicial-confirmation reminder after they ended (人民调解法 art. 33)", "judicial_reminder", { kind: "system" }, aCase({ kind: "MEDIATION", status: "CLOSED", details: { agreement: AGREEMENT({ effectiveAt: "2026-10-30T03:00:00Z" }) } }), { now: NOW, input: { days: 7 } }, false],
    ["the judicial-confirmation reminder twice", "judicial_reminder", { kind: "system" }, aCase({ kind: "MEDIATION", status: "CLOSED", details: { agreement: AGREEMENT({ effectiveAt: "2026-11-02T03:00:00Z" }), judicialReminderSentAt: "x" } }), { now: NOW, input: { days: 7 } }, false],
    ["the other party answering the follow-up (人民调解法 art. 31)", "agreement_carried_out", ACTORS.otherCitizen.actor, aCase({ kind: "MEDIATION", status: "CLOSED", otherPartyCitizenId: 8, details: { followupSentAt: "x", carriedOut: true } }), { input: { party: "other" } }, true],
    ["the other party answering the follow-up twice", "agreement_carried_out", ACTORS.otherCitizen.actor, aCase({ kind: "MEDIATION", status: "CLOSED", otherPartyCitizenId: 8, details: { followupSentAt: "x", otherCarriedOut: false } }), { input: { party: "other" } }, false],
    ["inviting once the other party answered", "invite_party", h, aCase({ kind: "MEDIATION", details: { otherPartyAnswer: "accepted" } }), {}, false],
    ["answering an answered invitation", "party_declined", h, aCase({ kind: "MEDIATION", details: { otherPartyAnswer: "accepted" } }), {}, false],
    ["an overdue alarm before its time", "overdue", { kind: "system" }, aCase({ dueAt: new Date(NOW.getTime() + 1) }), { now: NOW, input: { dueAt: NOW.getTime() + 1 } }, false],
    ["an alarm for a due date no longer in force", "remind", { kind: "system" }, aCase(), { now: NOW, input: { dueAt: 1 } }, false],
    ["linking a case that already follows another", "link", { kind: "system" }, aCase({ linkedToId: 3 }), { input: { masterId: 4 } }, false],
    ["the follow-up before its day", "followup", { kind: "system" }, aCase({ kind: "MEDIATION", status: "CLOSED", details: {}, closedAt: NOW }), { now: NOW, input: { afterDays: 30 } }, false],
    ["the follow-up on its day", "followup", { kind: "system" }, aCase({ kind: "MEDIATION", status: "CLOSED", details: {}, closedAt: new Date(NOW.getTime() - 30 * 86_400_000) }), { now: NOW, input: { afterDays: 30 } }, true],
    // Reconsideration (行政复议法 2023): the 2-or-3-handler rule, art. 50's panel, art. 62's extension, art. 31's window.
    ["a decision proposed with 2 handlers", "rc_propose_decision", ACTORS.rcLead.actor, rc({ handlers: [42, 43] }), { input: { decisionType: "uphold" } }, true],
    ["a decision proposed with 1 handler", "rc_propose_decision", ACTORS.rcLead.actor, rc({ handlers: [42] }), { input: { decisionType: "uphold" } }, false],
    ["a major case's decision with 2 handlers", "rc_propose_decision", ACTORS.rcLead.actor, rc({ handlers: [42, 43], major: true }), { input: { decisionType: "uphold" } }, false],
    ["a major case's decision with 3 handlers, before its hearing (art. 50 ¶1)", "rc_propose_decision", ACTORS.rcLead.actor, rc({ major: true }), { input: { decisionType: "uphold" } }, false],
    ["a decision of no statutory type", "rc_propose_decision", ACTORS.rcLead.actor, rc({}), { input: { decisionType: "pardon" } }, false],
    ["a hearing with 2 handlers (art. 50 ¶3 needs a presiding officer and 2 hearing officers)", "rc_schedule_hearing", h, rc({ handlers: [42, 43] }), {}, false],
    ["a hearing with 3 handlers", "rc_schedule_hearing", h, rc({}), {}, true],
    ["a decision approved with 2 handlers on a major case", "rc_approve_decision", ACTORS.supervisor.actor, rc({ handlers: [42, 43], major: true, proposal: { type: "uphold", text: "t", byId: 42 } }), {}, false],
    ["an extension of 30 days (art. 62 ¶1)", "rc_extend", ACTORS.supervisor.actor, rc({}, { dueAt: TOMORROW }), { now: NOW, input: { days: 30 } }, true],
    ["an extension of 31 days", "rc_extend", ACTORS.supervisor.actor, rc({}, { dueAt: TOMORROW }), { now: NOW, input: { days: 31 } }, false],
    ["an extension of a simplified case", "rc_extend", ACTORS.supervisor.actor, rc({ procedure: "simplified" }, { dueAt: TOMORROW }), { now: NOW, input: { days: 5 } }, false],
    ["assigning a handler already assigned", "rc_assign_handler", ACTORS.supervisor.actor, rc({}), { input: { staffId: 43 } }, false],
    ["补正 after 5 working days (art. 31 ¶1)", "rc_request_correction", h, rc({}, { status: "ASSIGNED", createdAt: new Date("2026-11-20T02:00:00Z") }), { now: NOW }, false],
    ["deemed accepted before the review period ends", "rc_deemed_accepted", { kind: "system" }, rc({}, { status: "ASSIGNED", dueAt: TOMORROW }), { now: NOW, input: { dueAt: TOMORROW.getTime() } }, false],
  ];
  it.each(cases)("%s", (_name, action, actor, c, opts, ok) => {
    expect(allowed(action, actor, c, opts).ok).toBe(ok);
  });
});
