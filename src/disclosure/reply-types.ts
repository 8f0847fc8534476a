/**
 * The answers the Regulations on Open Government Information allow (art. 36). Every answer tells
 * the applicant the remedy: administrative reconsideration within 60 days, or an administrative
 * lawsuit within 6 months (art. 51).
 */
export const DISCLOSURE_REPLY_TYPES = [
  "already_public",
  "disclosed",
  "partly_disclosed",
  "not_disclosed",
  "does_not_exist",
  "not_held",
  "repeat_request",
  "not_a_request",
] as const;
export type DisclosureReplyType = (typeof DISCLOSURE_REPLY_TYPES)[number];

export function isReplyType(s: string): s is DisclosureReplyType {
  return (DISCLOSURE_REPLY_TYPES as readonly string[]).includes(s);
}
