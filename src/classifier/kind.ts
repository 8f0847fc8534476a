/** What a message asks for, so a citizen who just types gets the right intake suggested. */
export type DetectedKind = "COMPLAINT" | "DISCLOSURE" | "MEDIATION" | "OTHER";

const DISCLOSURE = [
  /信息公开|政府信息|依申请公开|申请公开|公开.{0,8}(文件|信息|资料|数据|依据|预算|决算)|查阅.{0,6}(文件|档案)/,
  /\b(disclos|freedom of information|foi request|public records?)/i,
];
const MEDIATION = [
  /调解|纠纷|矛盾|协商不成|邻里.{0,4}(争吵|冲突|不和)|(赔偿|分割|继承|宅基地|地界).{0,6}(争议|争执|谈不拢)/,
  /\b(mediat|dispute with|quarrel)/i,
];
const COMPLAINT = [
  /投诉|举报|反映|曝光|不作为|违规|违法|乱收费|拖欠|污染|噪音|扰民|堵塞|损坏|隐患|不处理|没人管|请.{0,6}(查处|处理|解决)/,
  /\b(complain|report|illegal|broken|noise|pollut|unpaid)/i,
];

/** Rule-based kind detection; the order of checks reflects how specific each kind's wording is. */
export function detectKind(text: string): DetectedKind {
  if (DISCLOSURE.some((p) => p.test(text))) return "DISCLOSURE";
  if (MEDIATION.some((p) => p.test(text))) return "MEDIATION";
  if (COMPLAINT.some((p) => p.test(text))) return "COMPLAINT";
  return "OTHER";
}
