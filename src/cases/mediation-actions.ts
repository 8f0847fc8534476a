import { randomBytes } from "node:crypto";
import type { JobRequest } from "../queues/definitions.js";
import { agreementOf, type AgreementInput, type MediationDetails, type OUTCOMES, type Party } from "../mediation/mediation.js";
import type { Actor, CitizenActor, StaffActor } from "./permissions.js";
import { refuse, type ActionResult, type Perform, type Refusal } from "./guarded.js";
import type { Prisma } from "../db/prisma.js";

const details = (d: unknown) => (d ?? {}) as MediationDetails;

/** The mediation's own actions: the invitation, the other party's answer, the outcome and its follow-up. */
/** The agreement as one text (the case's answer, for the record and the web desk). */
export function agreementText(a: AgreementInput): string {
  return [a.facts, a.responsibilities, a.applicantDoes, a.otherDoes, a.how, a.byDate].join("\n");
}

export function createMediationActions(deps: { perform: Perform; schedule: (caseId: number) => JobRequest; prisma: Prisma }) {
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

    /**
     * The mediator records that it ended without an agreement, or was withdrawn. An agreement is
     * entered with `draftAgreement` and takes effect only when both parties confirmed it.
     */
    conclude: (caseId: number, actor: StaffActor, outcome: Exclude<(typeof OUTCOMES)[number], "agreement">) =>
      perform({
        action: "conclude",
        caseId,
        actor,
        input: { outcome },
        note: outcome,
        patch: (_c, at) => ({ outcome, closedAt: at, handlerId: actor.id }),
        notify: ["mediation_concluded"],
      }),

    /**
     * The mediator enters the agreement as 人民调解法 art. 29 lists it; both parties are shown it and
     * asked to confirm. Entering it again replaces it and asks both again.
     */
    draftAgreement: (caseId: number, actor: StaffActor, a: AgreementInput) =>
      perform({
        action: "agreement_drafted",
        caseId,
        actor,
        note: JSON.stringify(a),
        patch: (c, at) => ({
          details: { ...details(c.details), agreement: { ...a, draftedAt: at.toISOString(), confirmedBy: {} } },
          handlerId: actor.id,
        }),
        notify: ["agreement_drafted"],
      }),

    /**
     * A party confirms the agreement in chat; the audit event records who and when. The second
     * confirmation makes it effective that day (arts. 29–30): the case closes, both parties are told
     * (with the 30 days for judicial confirmation, art. 33), and the reminder and follow-up are armed.
     */
    async confirmAgreement(caseId: number, citizenId: number, version?: number): Promise<ActionResult> {
      const c = await deps.prisma.case.findUnique({ where: { id: caseId }, select: { citizenId: true } });
      if (!c) return { ok: false, reason: "not_found" };
      const party: Party = c.citizenId === citizenId ? "applicant" : "other";
      return perform({
        action: "agreement_confirmed",
        caseId,
        actor: { kind: "citizen", id: citizenId },
        input: { party, version },
        note: party,
        patch: (row, at) => {
          const a = agreementOf(row.details)!;
          return { details: { ...details(row.details), agreement: { ...a, confirmedBy: { ...a.confirmedBy, [party]: at.toISOString() } } } };
        },
        notify: ["agreement_confirmed"],
        then: async (_tx, updated) => {
          const a = agreementOf(updated.details);
          if (!a?.confirmedBy.applicant || !a.confirmedBy.other) return [];
          return [
            {
              action: "agreement_effective",
              caseId,
              actor: system,
              note: "confirmed by both parties",
              patch: (row, at) => ({
                outcome: "agreement",
                answer: agreementText(agreementOf(row.details)!),
                closedAt: at,
                details: { ...details(row.details), agreement: { ...agreementOf(row.details)!, effectiveAt: at.toISOString() } },
              }),
              notify: ["mediation_concluded"],
              jobs: [schedule(caseId)],
            },
          ];
        },
      });
    },

    /** Reminds both parties, once, `days` before the judicial-confirmation window closes (art. 33). */
    sendJudicialReminder: (caseId: number, days: number) =>
      perform({
        action: "judicial_reminder",
        caseId,
        actor: system,
        input: { days },
        patch: (c, at) => ({ details: { ...details(c.details), judicialReminderSentAt: at.toISOString() } }),
        notify: ["judicial_reminder"],
      }),

    /** Asks both parties, once and not before `afterDays` days, whether a mediation agreement was carried out. */
    sendFollowup: (caseId: number, afterDays: number) =>
      perform({
        action: "followup",
        caseId,
        actor: system,
        input: { afterDays },
        patch: (c, at) => ({ details: { ...details(c.details), followupSentAt: at.toISOString() } }),
        notify: ["mediation_followup"],
      }),

    /** A party says whether the agreement was carried out (asked by the follow-up); each answers once. */
    async followupAnswer(caseId: number, actor: CitizenActor, carriedOut: boolean): Promise<ActionResult> {
      const c = await deps.prisma.case.findUnique({ where: { id: caseId }, select: { citizenId: true } });
      if (!c) return { ok: false, reason: "not_found" };
      const party: Party = c.citizenId === actor.id ? "applicant" : "other";
      return perform({
        action: carriedOut ? "agreement_carried_out" : "agreement_not_carried_out",
        caseId,
        actor,
        input: { party },
        note: party,
        patch: (row) => ({ details: { ...details(row.details), ...(party === "applicant" ? { carriedOut } : { otherCarriedOut: carriedOut }) } }),
        notify: ["followup_answered"],
      });
    },
  };
}
