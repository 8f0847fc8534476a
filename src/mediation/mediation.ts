import { dueAfterCalendarDays } from "../cases/time-limits.js";

/** Kinds of dispute a mediation application names. */
export const DISPUTE_TYPES = [
  "neighbours",
  "family",
  "labour",
  "land_property",
  "resource_development",
  "environmental_pollution",
  "public_safety",
  "consumer",
  "other",
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** Disputes the district's rules single out for proactive handling, whatever their size. */
export const PROACTIVE_TYPES: readonly DisputeType[] = ["resource_development", "environmental_pollution", "public_safety"];

export const OUTCOMES = ["agreement", "no_agreement", "withdrawn"] as const;
export type MediationOutcome = (typeof OUTCOMES)[number] | "declined";

/** What a mediation application records, and what happens to it. */
export type MediationDetails = {
  applicantName: string;
  applicantPhone: string;
  otherParty: { name: string; contact: string };
  disputeType: DisputeType;
  request: string;
  people: number;
  /** Flagged for proactive handling: its supervisor is told at once. */
  proactive: boolean;
  otherPartyAnswer?: "accepted" | "declined";
  /** The agreement as the mediator entered it, and each party's confirmation (人民调解法 arts. 28–30). */
  agreement?: MediationAgreement;
  /** When both parties were reminded that the judicial-confirmation window closes (art. 33). */
  judicialReminderSentAt?: string;
  followupSentAt?: string;
  /** The applicant's answer to the follow-up, and the other party's. */
  carriedOut?: boolean;
  otherCarriedOut?: boolean;
};

/** Either side of a mediation: its applicant, or the other party (who accepted the invitation). */
export type Party = "applicant" | "other";

/**
 * A mediation agreement as 人民调解法 art. 29 lists its content: the parties (from the application),
 * the main facts and the matters in dispute, each party's responsibility, and what they agreed —
 * what each party will do, how, and by when.
 */
export type MediationAgreement = {
  facts: string;
  responsibilities: string;
  applicantDoes: string;
  otherDoes: string;
  how: string;
  /** The day by which it is to be carried out (YYYY-MM-DD). */
  byDate: string;
  draftedAt: string;
  /** When each party confirmed it in chat. */
  confirmedBy: { applicant?: string; other?: string };
  /** The day both had confirmed it: it takes effect (arts. 29–30), and the 30 days of art. 33 run from it. */
  effectiveAt?: string;
};

/** The fields the mediator enters, in the order the staff bot asks for them. */
export const AGREEMENT_FIELDS = ["facts", "responsibilities", "applicantDoes", "otherDoes", "how", "byDate"] as const;
export type AgreementInput = Pick<MediationAgreement, (typeof AGREEMENT_FIELDS)[number]>;

/** 人民调解法 art. 33: the parties may jointly apply for judicial confirmation within 30 days of the agreement taking effect. */
export const JUDICIAL_CONFIRMATION_DAYS = 30;

export function agreementOf(details: unknown): MediationAgreement | null {
  const a = (details as MediationDetails | null)?.agreement;
  return a && typeof a === "object" && typeof a.facts === "string" ? a : null;
}

/**
 * The last moment of the judicial-confirmation window (art. 33): the end of the 30th day after the
 * day the agreement took effect (the day itself not counted, as for every period here), Shanghai time.
 */
export function judicialWindowEnd(effectiveAt: string): Date {
  return dueAfterCalendarDays(new Date(effectiveAt), JUDICIAL_CONFIRMATION_DAYS);
}

/** When both parties are reminded: `days` before the window closes. */
export function judicialReminderAt(effectiveAt: string, days: number): Date {
  return new Date(judicialWindowEnd(effectiveAt).getTime() - days * 86_400_000);
}

export function isProactive(type: DisputeType, people: number, manyPeople: number): boolean {
  return PROACTIVE_TYPES.includes(type) || people >= manyPeople;
}

/** How many people a dispute may involve, as an application gives it: 1–100000, digits only. */
export const isPeopleCount = (s: string): boolean => /^\d{1,6}$/.test(s) && Number(s) >= 1 && Number(s) <= 100000;

/** An application's details, as the bot's form and the other channels collect them, flagged for proactive handling. */
export function mediationDetails(
  a: { name: string; phone: string; otherName: string; otherContact: string; disputeType: DisputeType; request: string; people: number },
  manyPeople: number,
): MediationDetails {
  return {
    applicantName: a.name,
    applicantPhone: a.phone,
    otherParty: { name: a.otherName, contact: a.otherContact },
    disputeType: a.disputeType,
    request: a.request,
    people: a.people,
    proactive: isProactive(a.disputeType, a.people, manyPeople),
  };
}
