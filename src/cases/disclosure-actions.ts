import type { JobRequest } from "../queues/definitions.js";
import { dueAfterCorrection, extendDue } from "../clock/deadlines.js";
import type { Actor, CitizenActor, StaffActor } from "./permissions.js";
import type { Perform } from "./guarded.js";

/** A disclosure request's own actions: 补正 and its outcome, and the one extension (Regulations on Open Government Information). */
export function createDisclosureActions(deps: { perform: Perform; schedule: (caseId: number) => JobRequest }) {
  const { perform, schedule } = deps;
  const system: Actor = { kind: "system" };

  return {
    /** 补正: the handler asks the applicant to correct a disclosure request, once, within 7 working days of receipt (art. 30); the clock stops. */
    requestCorrection: (caseId: number, actor: StaffActor, text: string) =>
      perform({
        action: "request_correction",
        caseId,
        actor,
        message: { direction: "TO_CITIZEN", text, staffId: actor.id },
        patch: (_c, at) => ({ correctionRequestedAt: at }),
        notify: ["correction_requested"],
      }),

    /**
     * The corrected request arrives: the period starts again from today (art. 30). An extension
     * granted on the old period ends with it, so the handler may ask again on the new one.
     */
    correctionReceived: (caseId: number, actor: CitizenActor, text: string, files?: number[]) =>
      perform({
        action: "correction_received",
        caseId,
        actor,
        message: { direction: "FROM_CITIZEN", text, files },
        patch: (_c, at) => ({ dueAt: dueAfterCorrection(at), remindedAt: null, overdueAt: null, extensionState: null, extensionDays: null }),
        notify: ["correction_received"],
        jobs: [schedule(caseId)],
      }),

    /** The applicant never sent the correction: the request is closed, and both sides are told. */
    expireCorrection: (caseId: number, waitedDays: number) =>
      perform({
        action: "correction_expired",
        caseId,
        actor: system,
        note: `no correction within ${waitedDays} working days`,
        patch: (_c, at) => ({ closedAt: at }),
        notify: ["correction_expired"],
      }),

    /** A handler asks for the one extension a disclosure request may have (1–20 working days, art. 33). */
    requestExtension: (caseId: number, actor: StaffActor, days: number, reason: string) =>
      perform({
        action: "request_extension",
        caseId,
        actor,
        input: { days },
        patch: () => ({ extensionState: "requested", extensionDays: days }),
        note: reason,
        notify: ["extension_requested"],
      }),

    /** The department's supervisor approves or rejects it; approval moves the due date and re-plans the alarms. */
    decideExtension: (caseId: number, actor: StaffActor, approve: boolean) =>
      perform({
        action: approve ? "approve_extension" : "reject_extension",
        caseId,
        actor,
        patch: (c) =>
          approve
            ? { extensionState: "approved", dueAt: extendDue(c.dueAt, c.extensionDays ?? 1), remindedAt: null }
            : { extensionState: "rejected" },
        notify: [approve ? "extension_approved" : "extension_rejected"],
        jobs: approve ? [schedule(caseId)] : [],
      }),
  };
}
