import type { CaseAction } from "../cases/rules.js";

/**
 * Callback data carried by inline buttons. Buttons hold only an action and ids; whoever presses
 * one is checked again by the case service, so a forged or stale button changes nothing.
 */
/** The case card's buttons, by the case action (src/cases/rules.ts) each one starts. */
export const STAFF_BUTTON_ACTION = {
  acc: "accept",
  ask: "ask",
  ret: "return",
  ans: "answer",
  tr: "transfer",
  cor: "request_correction",
  ext: "request_extension",
  inv: "invite_party",
  pay: "party_accepted",
  pan: "party_declined",
  out: "conclude",
  /** 复查 (信访工作条例 art. 35): the supervisor upholds or changes the answer, with the opinion's text. */
  rvu: "review_decided",
  rvc: "review_decided",
} as const satisfies Record<string, CaseAction>;
export type StaffButton = keyof typeof STAFF_BUTTON_ACTION;

export const cb = {
  staff: (action: StaffButton, caseId: number) => `s:${action}:${caseId}`,
  assign: (caseId: number, departmentId: number) => `a:${caseId}:${departmentId}`,
  transfer: (caseId: number, departmentId: number) => `t:${caseId}:${departmentId}`,
  urge: (caseId: number) => `u:${caseId}`,
  outcome: (caseId: number, outcome: string) => `oc:${caseId}:${outcome}`,
  followup: (caseId: number, carriedOut: boolean) => `mf:${carriedOut ? "y" : "n"}:${caseId}`,
  partyAnswer: (caseId: number, accept: boolean, token: string) => `pa:${accept ? "y" : "n"}:${caseId}:${token}`,
  extension: (caseId: number, approve: boolean) => `x:${approve ? "a" : "r"}:${caseId}`,
  /** The index of a statutory reply type (src/disclosure/reply-types.ts). */
  replyType: (caseId: number, index: number) => `rt:${caseId}:${index}`,
  rate: (caseId: number, satisfied: boolean) => `r:${satisfied ? "y" : "n"}:${caseId}`,
  /** A party confirms the mediation agreement of this version (its draftedAt, ms): a corrected agreement needs a new confirmation. */
  confirmAgreement: (caseId: number, version: number) => `ag:${caseId}:${version}`,
  /** A supervisor's review opinion (复查): u upheld, c changed. */
  review: (caseId: number, result: "u" | "c") => `rv:${result}:${caseId}`,
  replyTo: (caseId: number) => `rp:${caseId}`,
  /** 补正 period over: y confirms the lapse, n records a good reason and gives more time (条例 art. 30). */
  correctionLapse: (caseId: number, lapsed: boolean) => `cl:${lapsed ? "y" : "n"}:${caseId}`,
  /** Consultation (条例 arts. 32–34): t a third party, a another agency, r the answer recorded. */
  consultation: (caseId: number, what: "t" | "a" | "r") => `cs:${what}:${caseId}`,
  /** A reconsideration button (src/notifications/reconsideration-keyboards.ts): its code, the case, and an index or staff id. */
  rc: (code: RcButton, caseId: number, arg?: number) => `rc:${code}:${caseId}${arg === undefined ? "" : `:${arg}`}`,
  /** The applicant confirms a hearing. */
  rcHearing: (caseId: number) => `rch:${caseId}`,
  /** Under a disclosure answer: apply for reconsideration of it. */
  rcStart: (caseId: number) => `rcs:${caseId}`,
  /** A card's "全文": the citizen's whole text, in parts. */
  fullText: (caseId: number) => `ft:${caseId}`,
  /** Published results (item 31): p the handler proposes the answered complaint's result; a/d the supervisor approves or declines. */
  publication: (caseId: number, what: "p" | "a" | "d") => `pb:${what}:${caseId}`,
  /**
   * A hotline operator's call-back task (src/channels/call-backs.ts): ok the caller was told (the
   * notice of that outbox row), rp record the caller's answer, y/n the caller is satisfied or not.
   */
  callBack: (what: "ok" | "rp" | "y" | "n", caseId: number, outboxId = 0) => `op:${what}:${caseId}:${outboxId}`,
};

/**
 * Reconsideration buttons: accept simplified / ordinary, not accept, 补正, handler picker and a
 * handler, major, hearing, extension, decision picker and a decision type, approve, reject, ending
 * picker and an ending, the respondent's reply and its hearing confirmation.
 */
export const RC_BUTTONS = ["acs", "aco", "na", "cor", "ahp", "ah", "maj", "hr", "ext", "dec", "dt", "apv", "rej", "end", "en", "rpl", "hcf"] as const;
export type RcButton = (typeof RC_BUTTONS)[number];

export const CB_PATTERNS = {
  staff: /^s:(acc|ask|ret|ans|tr|cor|ext|inv|pay|pan|out|rvu|rvc):(\d{1,10})$/,
  callBack: /^op:(ok|rp|y|n):(\d{1,10}):(\d{1,12})$/,
  outcome: /^oc:(\d{1,10}):(agreement|no_agreement|withdrawn)$/,
  followup: /^mf:([yn]):(\d{1,10})$/,
  partyAnswer: /^pa:([yn]):(\d{1,10}):([\w-]{16,40})$/,
  assign: /^a:(\d{1,10}):(\d{1,10})$/,
  transfer: /^t:(\d{1,10}):(\d{1,10})$/,
  urge: /^u:(\d{1,10})$/,
  extension: /^x:([ar]):(\d{1,10})$/,
  replyType: /^rt:(\d{1,10}):(\d{1,2})$/,
  rate: /^r:([yn]):(\d{1,10})$/,
  confirmAgreement: /^ag:(\d{1,10}):(\d{10,14})$/,
  review: /^rv:([uc]):(\d{1,10})$/,
  replyTo: /^rp:(\d{1,10})$/,
  correctionLapse: /^cl:([yn]):(\d{1,10})$/,
  consultation: /^cs:([tar]):(\d{1,10})$/,
  rc: new RegExp(`^rc:(${RC_BUTTONS.join("|")}):(\\d{1,10})(?::(\\d{1,10}))?$`),
  rcHearing: /^rch:(\d{1,10})$/,
  rcStart: /^rcs:(\d{1,10})$/,
  fullText: /^ft:(\d{1,10})$/,
  publication: /^pb:([pad]):(\d{1,10})$/,
};
