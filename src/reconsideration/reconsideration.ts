import type { Case } from "../generated/prisma/client.js";
import type { Procedure } from "../clock/reconsideration.js";

/** The department that does the reconsideration body's work (行政复议机构, art. 4 ¶2): its code in the seed. */
export const OFFICE_CODE = "reconsideration";

/**
 * The decisions of arts. 63–69 (and the variants of art. 64). Order matters: a button carries the
 * index, so new types are only ever appended.
 */
export const DECISION_TYPES = {
  change: { article: "63", newAct: false },
  revoke: { article: "64", newAct: false },
  revoke_new_act: { article: "64", newAct: true },
  revoke_part: { article: "64", newAct: false },
  revoke_part_new_act: { article: "64", newAct: true },
  confirm_illegal: { article: "65", newAct: false },
  order_performance: { article: "66", newAct: false },
  confirm_void: { article: "67", newAct: false },
  uphold: { article: "68", newAct: false },
  dismiss: { article: "69", newAct: false },
} as const;
export type DecisionType = keyof typeof DECISION_TYPES;
export const DECISION_TYPE_LIST = Object.keys(DECISION_TYPES) as DecisionType[];
export const isDecisionType = (s: string): s is DecisionType => Object.hasOwn(DECISION_TYPES, s);

/** How a case ends without a decision: withdrawn (art. 74 ¶2), settled (和解, art. 74 ¶1) or mediated (调解书, art. 73). */
export const ENDINGS = ["withdrawn", "settled", "mediated"] as const;
export type Ending = (typeof ENDINGS)[number];

/** What an application records (art. 22) and what happens to it. */
export type ReconsiderationDetails = {
  applicant: { name: string; phone: string };
  representative?: { name: string; phone: string };
  /** The agency whose act is challenged (被申请人): one of the district's departments, or one typed in. */
  respondent: { departmentId: number | null; name: string };
  /** The administrative act challenged, and the day the applicant learned of it (art. 20 ¶1). */
  act: string;
  learnedOn: string;
  /** Did the act's notice name the right to reconsideration, the body and the period? If not, art. 20 ¶3. */
  noticeNamedRemedy: boolean;
  request: string;
  reasons: string;
  /** Telegram file ids of evidence photos. */
  evidence: string[];
  /** The disclosure request whose answer the application challenges. */
  fromCaseId?: number;
  /** Filed after the window of art. 20: the applicant's reason (正当理由, art. 20 ¶2), for the office to weigh. */
  late?: { windowEnd: string; reason: string };
  /** The 补正 notice (art. 31): its text and the end of the applicant's period. */
  correction?: { text: string; dueAt: string };
  procedure?: Procedure;
  acceptedOn?: string;
  /** Accepted because the review period ended without a decision (art. 30 ¶3). */
  deemedAccepted?: boolean;
  /** Staff ids of the assigned handlers (行政复议人员); the first is the lead handler. */
  handlers?: number[];
  /** 重大: needs 3 handlers (the district's rules) and a hearing (art. 50 ¶1). */
  major?: boolean;
  /** The respondent's written reply and evidence (art. 48). */
  reply?: { dueAt: string; receivedAt?: string; text?: string; remindedAt?: string };
  /** A hearing (arts. 50–51): time and place, the panel (presiding officer, ≥ 2 hearing officers), a recorder; who confirmed. */
  hearing?: { at: string; place: string; presidingId: number; officerIds: number[]; recorder: string; applicantConfirmed?: boolean; respondentConfirmed?: boolean };
  extension?: { days: number; reason: string };
  /** The lead handler's proposed decision, waiting for the supervisor's approval. */
  proposal?: { type: DecisionType; text: string; byId: number };
  decision?: { type: DecisionType; text: string; approvedById: number };
  notAccepted?: { reason: string };
  ending?: { kind: Ending; text: string };
};

export const detailsOf = (c: Pick<Case, "details">): ReconsiderationDetails => (c.details ?? {}) as ReconsiderationDetails;

/**
 * Handlers a case needs before a hearing or a decision: at least 2 (行政复议法实施条例 art. 32:
 * "应当由2名以上行政复议人员参加"; the district's rules item 29), 3 for a major (重大) case (item 29).
 */
export const requiredHandlers = (d: ReconsiderationDetails): number => (d.major ? 3 : 2);
export const handlerCount = (d: ReconsiderationDetails): number => d.handlers?.length ?? 0;
export const fullyStaffed = (d: ReconsiderationDetails): boolean => handlerCount(d) >= requiredHandlers(d);

/**
 * A hearing needs a presiding officer and at least two hearing officers, all 行政复议人员 (art. 50 ¶3):
 * the panel is drawn from the assigned handlers, so at least 3, and never fewer than the case needs.
 */
export const HEARING_PANEL = 3;
export const canHoldHearing = (d: ReconsiderationDetails): boolean => handlerCount(d) >= Math.max(HEARING_PANEL, requiredHandlers(d));

/** Other kinds' details carry neither, so these answer null for them (the kind is the table's to check). */
export const leadHandlerOf = (c: Pick<Case, "details">): number | null => detailsOf(c).handlers?.[0] ?? null;
export const respondentDepartmentOf = (c: Pick<Case, "details">): number | null => detailsOf(c).respondent?.departmentId ?? null;

/** The stage the applicant and staff see (/status): derived from the status and the details, never stored twice. */
export type Stage = "filed" | "review" | "correction" | "accepted" | "hearing" | "decision_pending" | "decided" | "not_accepted" | "ended" | "abandoned";
export function stageOf(c: Pick<Case, "status" | "details" | "outcome">): Stage {
  const d = detailsOf(c);
  if (c.status === "CLOSED") {
    if (d.decision) return "decided";
    if (d.notAccepted) return "not_accepted";
    if (c.outcome === "abandoned") return "abandoned";
    return "ended";
  }
  if (c.status === "SUBMITTED") return "filed";
  if (c.status === "AWAITING_CORRECTION") return "correction";
  if (c.status === "ASSIGNED") return "review";
  if (d.proposal) return "decision_pending";
  if (d.hearing) return "hearing";
  return "accepted";
}
