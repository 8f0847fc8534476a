import type { StaffActor } from "./permissions.js";
import type { Perform } from "./guarded.js";

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
  };
}
