import type { StaffActor } from "./permissions.js";
import { refuse, type Perform } from "./guarded.js";
import { shanghaiDay } from "../clock/calendar.js";

export type LawsuitResult = "upheld" | "corrected" | "other";
export type LawsuitRecord = { id?: number; afterReconsideration: boolean; filedOn: Date; result: LawsuitResult | null; decidedOn: Date | null };

export type ReviewFindings = { procedureProper: boolean; evidenceSufficient: boolean; findings: string };

/**
 * The legal office's review of a sampled case file (item 19): the findings are filed (CaseReview)
 * with an audit event saying them, and the department's supervisors are told, in one transaction.
 */
export function createReviewActions(deps: { perform: Perform }) {
  const { perform } = deps;
  return {
    reviewCaseFile: (caseId: number, actor: StaffActor, r: ReviewFindings) =>
      perform({
        action: "review_case_file",
        caseId,
        actor,
        note: `程序是否得当：${r.procedureProper ? "是" : "否"}；证据是否充分：${r.evidenceSufficient ? "是" : "否"}；${r.findings}`,
        also: async (tx, c) => {
          await tx.caseReview.create({ data: { caseId: c.id, reviewerId: actor.id, ...r } });
        },
        notify: ["case_reviewed"],
      }),

    /** Records a lawsuit against a disclosure answer, or (with `id`) the court's result of one; each with an audit event. */
    recordLawsuit: (caseId: number, actor: StaffActor, l: LawsuitRecord) =>
      perform({
        action: "record_lawsuit",
        caseId,
        actor,
        note: `${l.afterReconsideration ? "复议后起诉" : "未经复议直接起诉"} ${shanghaiDay(l.filedOn)}${l.result ? ` → ${l.result} ${l.decidedOn ? shanghaiDay(l.decidedOn) : ""}` : ""}`,
        also: async (tx, c) => {
          const data = { afterReconsideration: l.afterReconsideration, filedOn: l.filedOn, result: l.result, decidedOn: l.decidedOn };
          if (l.id === undefined) await tx.disclosureLawsuit.create({ data: { caseId: c.id, recordedById: actor.id, ...data } });
          else if ((await tx.disclosureLawsuit.updateMany({ where: { id: l.id, caseId: c.id }, data })).count === 0) refuse("not_found");
        },
      }),
  };
}
