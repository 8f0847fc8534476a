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
  followupSentAt?: string;
  carriedOut?: boolean;
};

export function isProactive(type: DisputeType, people: number, manyPeople: number): boolean {
  return PROACTIVE_TYPES.includes(type) || people >= manyPeople;
}
