import type { Prisma } from "../db/prisma.js";
import { shanghaiStart } from "./figures-service.js";

/**
 * The annual report on government information disclosure (政府信息公开条例 art. 50), section
 * 三 "收到和处理政府信息公开申请情况" in the layout of 国办公开办函〔2021〕30号: the rows below, in
 * order, and the applicant columns. Each row the desk can fill has a key; `indent` mirrors the
 * official nesting. Reply types map to rows by their article (src/disclosure/reply-types.ts).
 */
export const REPORT_ROWS = [
  { key: "received", label: "一、本年新收政府信息公开申请数量", indent: 0 },
  { key: "carried_in", label: "二、上年结转政府信息公开申请数量", indent: 0 },
  { key: null, label: "三、本年度办理结果", indent: 0 },
  { key: "disclosed", label: "（一）予以公开", indent: 1 },
  { key: "partly_disclosed", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", indent: 1 },
  { key: null, label: "（三）不予公开", indent: 1 },
  { key: "refused_secret", label: "1.属于国家秘密", indent: 2 },
  { key: "refused_law", label: "2.其他法律行政法规禁止公开", indent: 2 },
  { key: "refused_safety", label: "3.危及“三安全一稳定”", indent: 2 },
  { key: "refused_third_party", label: "4.保护第三方合法权益", indent: 2 },
  { key: "refused_internal", label: "5.属于三类内部事务信息", indent: 2 },
  { key: "refused_process", label: "6.属于四类过程性信息", indent: 2 },
  { key: "refused_enforcement", label: "7.属于行政执法案卷", indent: 2 },
  { key: "refused_query", label: "8.属于行政查询事项", indent: 2 },
  { key: "refused_unspecified", label: "（未分项记录理由的不予公开）", indent: 2 },
  { key: null, label: "（四）无法提供", indent: 1 },
  { key: "not_held", label: "1.本机关不掌握相关政府信息", indent: 2 },
  { key: "requires_compilation", label: "2.没有现成信息需要另行制作", indent: 2 },
  { key: "unclear_after_correction", label: "3.补正后申请内容仍不明确", indent: 2 },
  { key: null, label: "（五）不予处理", indent: 1 },
  { key: "complaint_as_request", label: "1.信访举报投诉类申请", indent: 2 },
  { key: "repeat_request", label: "2.重复申请", indent: 2 },
  { key: "publication", label: "3.要求提供公开出版物", indent: 2 },
  { key: "unreasonable_volume", label: "4.无正当理由大量反复申请", indent: 2 },
  { key: "confirm_or_reissue", label: "5.要求行政机关确认或重新出具已获取信息", indent: 2 },
  { key: null, label: "（六）其他处理", indent: 1 },
  { key: "correction_expired", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", indent: 2 },
  { key: "fee_unpaid", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", indent: 2 },
  { key: "other", label: "3.其他", indent: 2 },
  { key: "total", label: "（七）总计", indent: 1 },
  { key: "carried_out", label: "四、结转下年度继续办理", indent: 0 },
] as const;

/** 自然人, then 法人或其他组织 (five kinds), then 总计. */
export const APPLICANT_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"] as const;

/**
 * Where each answer type is counted. 36(1) already public is 予以公开 (the information is
 * provided by telling where it is); 36(4) does not exist and 36(5) not held are both "本机关不掌握";
 * 36(7) special procedures (工商、不动产登记资料) are "其他处理 3.其他".
 */
const BY_REPLY_TYPE: Record<string, string> = {
  already_public: "disclosed",
  disclosed: "disclosed",
  partly_disclosed: "partly_disclosed",
  not_disclosed: "refused_unspecified",
  does_not_exist: "not_held",
  not_held: "not_held",
  requires_compilation: "requires_compilation",
  not_a_request: "complaint_as_request",
  repeat_request: "repeat_request",
  publication: "publication",
  unreasonable_volume: "unreasonable_volume",
  special_procedure: "other",
};

const RESULT_KEYS = REPORT_ROWS.map((r) => r.key).filter((k): k is NonNullable<typeof k> => !!k && !["received", "carried_in", "total", "carried_out"].includes(k));

/**
 * Section 四 "政府信息公开行政复议、行政诉讼情况" of the same table: for reconsiderations, lawsuits filed
 * directly, and lawsuits after reconsideration, the results 结果维持 / 结果纠正 / 其他结果, those 尚未审结
 * at the year's end, and 总计.
 */
export const REMEDY_RESULTS = ["upheld", "corrected", "other", "pending", "total"] as const;
export const REMEDY_RESULT_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] as const;
export type RemedyCounts = Record<(typeof REMEDY_RESULTS)[number], number>;
export type Remedies = { reconsideration: RemedyCounts; lawsuitDirect: RemedyCounts; lawsuitAfterReconsideration: RemedyCounts };

/**
 * A reconsideration decision as the table counts it: 维持 (uphold, art. 68) and 驳回 (dismiss, art. 69)
 * leave the answer standing; 变更, 撤销, 确认违法, 责令履行, 确认无效 (arts. 63–67) correct it. A case
 * not accepted, withdrawn, settled or mediated has 其他结果.
 */
const RECONSIDERATION_RESULT: Record<string, "upheld" | "corrected"> = {
  uphold: "upheld",
  dismiss: "upheld",
  change: "corrected",
  revoke: "corrected",
  revoke_new_act: "corrected",
  revoke_part: "corrected",
  revoke_part_new_act: "corrected",
  confirm_illegal: "corrected",
  order_performance: "corrected",
  confirm_void: "corrected",
};

const zero = (): RemedyCounts => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });

export type DisclosureReport = { year: number; counts: Record<string, number>; remedies: Remedies };

/**
 * Counts one calendar year (Beijing time) of disclosure requests. Every applicant through the
 * citizen bot is a natural person (自然人): the bot has no way to file for an organisation, so the
 * other applicant columns are zero. Results are counted in the year the request was closed; a
 * request closed without an answer type counts as 逾期不补正 when the correction period ran out,
 * else as 其他 (withdrawn).
 */
export function createDisclosureReport(deps: { prisma: Prisma }) {
  /**
   * Section 四 for the year [start, end): reconsiderations of disclosure answers (those the applicant
   * started from the answer, `fromCaseId`) and the lawsuits recorded against them. One decided in the
   * year counts by its result; one open at the year's end (received or filed before it) as 尚未审结;
   * one decided in an earlier year not at all.
   */
  async function remedies(start: Date, end: Date): Promise<Remedies> {
    const out: Remedies = { reconsideration: zero(), lawsuitDirect: zero(), lawsuitAfterReconsideration: zero() };
    const inYear = (at: Date | null) => at !== null && at >= start && at < end;
    const rcs = await deps.prisma.case.findMany({
      where: { kind: "RECONSIDERATION", createdAt: { lt: end }, OR: [{ closedAt: null }, { closedAt: { gte: start } }] },
      select: { details: true, closedAt: true },
    });
    const fromIds = rcs.map((c) => (c.details as { fromCaseId?: number } | null)?.fromCaseId).filter((id): id is number => typeof id === "number");
    const disclosures = new Set(
      (await deps.prisma.case.findMany({ where: { id: { in: fromIds }, kind: "DISCLOSURE" }, select: { id: true } })).map((c) => c.id),
    );
    for (const c of rcs) {
      const d = (c.details ?? {}) as { fromCaseId?: number; decision?: { type?: string } };
      if (d.fromCaseId === undefined || !disclosures.has(d.fromCaseId)) continue;
      const key = inYear(c.closedAt) ? (RECONSIDERATION_RESULT[d.decision?.type ?? ""] ?? "other") : "pending";
      out.reconsideration[key]++;
    }
    const suits = await deps.prisma.disclosureLawsuit.findMany({
      where: { filedOn: { lt: end }, OR: [{ decidedOn: null }, { decidedOn: { gte: start } }] },
    });
    for (const l of suits) {
      const row = l.afterReconsideration ? out.lawsuitAfterReconsideration : out.lawsuitDirect;
      const result = l.result === "upheld" || l.result === "corrected" || l.result === "other" ? l.result : null;
      row[inYear(l.decidedOn) && result ? result : "pending"]++;
    }
    for (const r of Object.values(out)) r.total = r.upheld + r.corrected + r.other + r.pending;
    return out;
  }

  return {
    async year(year: number): Promise<DisclosureReport> {
      const start = shanghaiStart(`${year}-01-01`);
      const end = shanghaiStart(`${year + 1}-01-01`);
      const kind = "DISCLOSURE" as const;
      const [received, carriedIn, closed] = await Promise.all([
        deps.prisma.case.count({ where: { kind, createdAt: { gte: start, lt: end } } }),
        deps.prisma.case.count({ where: { kind, createdAt: { lt: start }, OR: [{ closedAt: null }, { closedAt: { gte: start } }] } }),
        deps.prisma.case.findMany({
          where: { kind, status: "CLOSED", closedAt: { gte: start, lt: end } },
          select: { replyType: true, events: { where: { action: "correction_expired" }, select: { id: true } } },
        }),
      ]);
      const counts: Record<string, number> = Object.fromEntries(RESULT_KEYS.map((k) => [k, 0]));
      for (const c of closed) {
        const key = c.replyType ? (BY_REPLY_TYPE[c.replyType] ?? "other") : c.events.length > 0 ? "correction_expired" : "other";
        counts[key]++;
      }
      counts.received = received;
      counts.carried_in = carriedIn;
      counts.total = closed.length;
      counts.carried_out = received + carriedIn - closed.length;
      return { year, counts, remedies: await remedies(start, end) };
    },
  };
}
