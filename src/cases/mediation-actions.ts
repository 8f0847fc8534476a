import { randomBytes } from "node:crypto";
import type { JobRequest } from "../queues/definitions.js";
import type { MediationDetails, OUTCOMES } from "../mediation/mediation.js";
import type { Actor, CitizenActor, StaffActor } from "./permissions.js";
import { refuse, type ActionResult, type Perform, type Refusal } from "./guarded.js";

const details = (d: unknown) => (d ?? {}) as MediationDetails;

/** The mediation's own actions: the invitation, the other party's answer, the outcome and its follow-up. */
export function createMediationActions(deps: { perform: Perform; schedule: (caseId: number) => JobRequest }) {
  const { perform, schedule } = deps;
  const system: Actor = { kind: "system" };

  return {
    /** The mediator creates a one-time link for the other party to accept or decline in the citizen bot. */
    async inviteParty(caseId: number, actor: StaffActor): Promise<{ ok: true; token: string } | Refusal> {
      const token = randomBytes(18).toString("base64url");
      const r = await perform({
        action: "invite_party",
        caseId,
        actor,
        also: async (tx) => {
          await tx.partyInvite.create({ data: { token, caseId } });
        },
      });
      return r.ok ? { ok: true, token } : r;
    },

    /**
     * The other party answers, through the invitation (`token` and their citizen id) or as the
     * mediator records it. Mediation is voluntary: a refusal ends the case with advice on other
     * channels. The invitation is used up only by an answer that is taken.
     */
    partyAnswer(caseId: number, accept: boolean, by: { token: string; citizenId: number } | { mediator: StaffActor }): Promise<ActionResult> {
      const viaToken = "token" in by ? by : null;
      const actor: Actor = viaToken ? ({ kind: "citizen", id: viaToken.citizenId } satisfies CitizenActor) : (by as { mediator: StaffActor }).mediator;
      return perform({
        action: accept ? "party_accepted" : "party_declined",
        caseId,
        actor,
        relations: viaToken
          ? async (tx) => {
              const invite = await tx.partyInvite.findUnique({ where: { token: viaToken.token } });
              return { invitation: invite !== null && invite.caseId === caseId && invite.usedAt === null };
            }
          : undefined,
        patch: (c, at) => ({
          details: { ...details(c.details), otherPartyAnswer: accept ? "accepted" : "declined" },
          ...(viaToken ? { otherPartyCitizenId: viaToken.citizenId } : {}),
          ...(accept ? {} : { outcome: "declined", closedAt: at }),
        }),
        note: accept ? null : "declined",
        notify: [accept ? "party_accepted" : "party_declined"],
        also: viaToken
          ? async (tx, _c, at) => {
              const used = await tx.partyInvite.updateMany({ where: { token: viaToken.token, caseId, usedAt: null }, data: { usedAt: at } });
              if (used.count === 0) refuse("not_allowed");
            }
          : undefined,
      });
    },

    /** The mediator records how it ended; an agreement's text goes to both parties, and its follow-up is planned. */
    conclude: (caseId: number, actor: StaffActor, outcome: (typeof OUTCOMES)[number], agreement?: string) =>
      perform({
        action: "conclude",
        caseId,
        actor,
        input: { outcome },
        note: agreement ? `${outcome}: ${agreement}` : outcome,
        patch: (_c, at) => ({ outcome, answer: agreement ?? null, closedAt: at, handlerId: actor.id }),
        ...(agreement ? { message: { direction: "TO_CITIZEN" as const, text: agreement, staffId: actor.id } } : {}),
        notify: ["mediation_concluded"],
        jobs: outcome === "agreement" ? [schedule(caseId)] : [],
      }),

    /** Asks the applicant, once and not before `afterDays` days, whether a mediation agreement was carried out. */
    sendFollowup: (caseId: number, afterDays: number) =>
      perform({
        action: "followup",
        caseId,
        actor: system,
        input: { afterDays },
        patch: (c, at) => ({ details: { ...details(c.details), followupSentAt: at.toISOString() } }),
        notify: ["mediation_followup"],
      }),

    /** The applicant says whether the agreement was carried out (asked by the follow-up). */
    followupAnswer: (caseId: number, actor: CitizenActor, carriedOut: boolean) =>
      perform({
        action: carriedOut ? "agreement_carried_out" : "agreement_not_carried_out",
        caseId,
        actor,
        patch: (c) => ({ details: { ...details(c.details), carriedOut } }),
        notify: ["followup_answered"],
      }),
  };
}
