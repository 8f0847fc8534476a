/**
 * The answers the Regulations on Open Government Information (政府信息公开条例, 2019) allow, each
 * with its article and the remedy its notice must state.
 *
 * Remedies (行政复议法 2023; 行政诉讼法):
 * - "either": reconsideration within 60 days of learning of the act (复议法 art. 20 ¶1) or a lawsuit
 *   within 6 months (诉讼法 art. 46) — the applicant chooses.
 * - "reconsideration_first": for "申请政府信息公开，行政机关不予公开" reconsideration must come first
 *   (复议法 art. 23 ¶1 (4)), and the notice must say so (art. 23 ¶2); a lawsuit only against the
 *   reconsideration decision, within 15 days of receiving it (诉讼法 art. 45). Treated as refusals:
 *   不予公开 (art. 36(3)), 不予提供 for information that would have to be compiled (art. 38),
 *   不予处理 of an unreasonable number of requests (art. 35), 不予重复处理 (art. 36(6)).
 * - "withheld_first": a partial disclosure (art. 37): reconsideration first for the part withheld,
 *   either route for the rest.
 * The answers that only inform (the information is already public, does not exist, is held by
 * another agency, must be obtained by its own procedure, is a publication, or the request is
 * really a complaint) are not refusals to disclose; their notice states both routes.
 *
 * Order matters: a handler's button carries the index, so new types are only ever appended.
 */
export const REPLY_TYPES = {
  already_public: { article: "36(1)", remedy: "either" },
  disclosed: { article: "36(2)", remedy: "either" },
  partly_disclosed: { article: "37", remedy: "withheld_first" },
  not_disclosed: { article: "36(3)", remedy: "reconsideration_first" },
  does_not_exist: { article: "36(4)", remedy: "either" },
  not_held: { article: "36(5)", remedy: "either" },
  repeat_request: { article: "36(6)", remedy: "reconsideration_first" },
  not_a_request: { article: "39 ¶1", remedy: "either" },
  special_procedure: { article: "36(7)", remedy: "either" },
  unreasonable_volume: { article: "35", remedy: "reconsideration_first" },
  requires_compilation: { article: "38", remedy: "reconsideration_first" },
  publication: { article: "39 ¶2", remedy: "either" },
} as const satisfies Record<string, { article: string; remedy: "either" | "reconsideration_first" | "withheld_first" }>;

export type DisclosureReplyType = keyof typeof REPLY_TYPES;
export type Remedy = (typeof REPLY_TYPES)[DisclosureReplyType]["remedy"];
export const DISCLOSURE_REPLY_TYPES = Object.keys(REPLY_TYPES) as DisclosureReplyType[];

export function isReplyType(s: string): s is DisclosureReplyType {
  return Object.hasOwn(REPLY_TYPES, s);
}

/** The remedy a notice of this type must state. */
export function remedyOf(type: DisclosureReplyType): Remedy {
  return REPLY_TYPES[type].remedy;
}
