/** What a message asks for, so a citizen who just types gets the right intake suggested. */
export type DetectedKind = "COMPLAINT" | "DISCLOSURE" | "MEDIATION" | "OTHER";

const DISCLOSURE = [
  /信息公开|政府信息|依申请公开|申请公开|(请|能否|可以|可否|要求)?公开.{0,12}(文件|信息|资料|数据|依据|预算|决算|报告|名单|批复|方案|许可|三公)|(文件|名单|数据|报告|批复|许可证?|依据).{0,6}(可以|能否|能不能|可否|能)公开|公开给我|红头文件|查阅.{0,10}(文件|档案|依据|材料)|(获取|提供|调取|要一份).{0,14}(文件|档案|批复|报告|材料|依据)|(文件|名单|数据|报告|批复|许可证?|依据).{0,4}公开(出来|一下|给)|(查|看|查看)一?下?.{0,8}(规划许可证?|许可证|批复|红头文件)/,
  /\b(disclos|freedom of information|foi request|public records?)/i,
];
const MEDIATION = [
  /调解|调处|纠纷|矛盾|协商不成|协商不下|谈不拢|评评理|争执|争议|吵翻|吵架|打起来|不肯赔|(帮忙|出面)协调|协调一下/,
  /\b(mediat|dispute with|quarrel)/i,
];
const COMPLAINT = [
  /投诉|举报|反映|曝光|不作为|违规|违法|乱收费|拖欠|污染|噪音|扰民|堵塞|损坏|隐患|不处理|没人管|请.{0,6}(查处|处理|解决)/,
  /\b(complain|report|illegal|broken|noise|pollut|unpaid)/i,
];
/** Greetings, thanks and questions about the service itself: nothing to file. */
const SMALL_TALK = /^(你好|您好|在吗|在不在|谢谢|多谢|好的|收到|hello|hi|thanks?)[\s!！。,，?？]*(已经(解决|处理)了?|收到了?|知道了)?[\s!！。,，?？]*$|办公时间|怎么用|几点(上班|下班|开门)|怎么联系|(查|看)一?下?.{0,6}(进度|进展)/i;

/** Words that open or pad a message without saying anything about it. */
const FILLER = /你好|您好|请问|我想|想问|问一下|咨询一下|麻烦|谢谢|在吗|那个|这个|一下/g;

/**
 * Rule-based kind detection; the order of checks reflects how specific each kind's wording is. A
 * message of some length that is neither a request for information nor a dispute between parties,
 * and not small talk, describes a problem: a complaint (the intake then asks what it needs).
 */
export function detectKind(text: string): DetectedKind {
  if (DISCLOSURE.some((p) => p.test(text))) return "DISCLOSURE";
  if (MEDIATION.some((p) => p.test(text))) return "MEDIATION";
  if (COMPLAINT.some((p) => p.test(text))) return "COMPLAINT";
  if (SMALL_TALK.test(text.trim())) return "OTHER";
  const cjk = text.replace(FILLER, "").match(/[\u3400-\u9fff]/g)?.length ?? 0;
  return cjk >= 5 || text.trim().split(/\s+/).length >= 5 ? "COMPLAINT" : "OTHER";
}
