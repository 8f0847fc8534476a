import { publicCopyOf } from "../publication/public-copy.js";
import type { StaffActor } from "./permissions.js";
import type { Perform } from "./guarded.js";

/**
 * Published results (item 31): the department's supervisor approves or declines the result the
 * handler proposed after answering. An approval files the stripped copy (PublishedResult) in the
 * same transaction as the audit event, so the public page shows only what a supervisor approved.
 */
export function createPublicationActions(deps: { perform: Perform }) {
  const { perform } = deps;
  return {
    /** The handler (or the department) proposes the answered complaint's result for publication. */
    proposePublication: (caseId: number, actor: StaffActor) =>
      perform({ action: "propose_publication", caseId, actor, patch: () => ({ publicationState: "proposed" }), notify: ["publication_proposed"] }),

    approvePublication: (caseId: number, actor: StaffActor) =>
      perform({
        action: "approve_publication",
        caseId,
        actor,
        patch: () => ({ publicationState: "approved" }),
        also: async (tx, c, at) => {
          const copy = await publicCopyOf(tx, c);
          const data = {
            number: c.number,
            departmentId: c.departmentId,
            ...copy,
            receivedAt: c.createdAt,
            closedAt: c.closedAt ?? at,
            approvedById: actor.id,
            approvedAt: at,
          };
          await tx.publishedResult.upsert({ where: { caseId: c.id }, create: { caseId: c.id, ...data }, update: data });
        },
        notify: ["publication_approved"],
      }),

    declinePublication: (caseId: number, actor: StaffActor) =>
      perform({ action: "decline_publication", caseId, actor, patch: () => ({ publicationState: "declined" }), notify: ["publication_declined"] }),
  };
}
