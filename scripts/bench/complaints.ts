import { SEED_CORPUS } from "../../src/classifier/seed-corpus.js";
import { mulberry32 } from "../../src/util/prng.js";

/** Deterministic, so two runs file the same complaints. */
export const rng = mulberry32;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const OPENINGS = ["", "", "您好，", "领导您好，", "我是附近居民，", "我是本区市民，", "反映一个问题：", "再次反映：", "多次反映无果，"];
const SINCE = ["上周开始", "从上个月起", "最近半个月", "今年以来", "这几天", "已经两个多月", "春节后一直", "近一年来"];
const IMPACTS = [
  "严重影响周边居民正常生活。",
  "老人和孩子受影响最大。",
  "大家意见很大。",
  "已经向有关单位反映过几次，一直没有结果。",
  "打过热线电话，说会转办，后来没有下文。",
  "邻居们都很着急。",
  "",
];
const REQUESTS = [
  "请相关部门尽快调查处理。",
  "希望政府重视，尽快解决。",
  "请求有关部门依法查处并回复处理结果。",
  "恳请领导关注，给个说法。",
  "希望能派人来现场看一看。",
  "",
];
const ROADS = ["幸福路", "光明路", "建设大道", "人民路", "解放街", "和平路", "滨江路", "朝阳路", "文化路", "新华街", "长江路", "民主街"];
const PLACES = ["小区东门", "小区北门", "菜市场旁", "公交站附近", "学校门口", "十字路口", "商业街", "老街口", "社区服务中心对面", "地铁站出口"];

/** Clauses of the seed corpus by department: complaints are stitched from them so the classifier routes them. */
const CLAUSES = (() => {
  const by = new Map<string, string[]>();
  for (const e of SEED_CORPUS) {
    const parts = e.body.split(/[，。；！？]/).map((s) => s.trim()).filter((s) => s.length >= 4);
    by.set(e.label, [...(by.get(e.label) ?? []), ...parts]);
  }
  return [...by.entries()];
})();

export type Complaint = { text: string; location: string; department: string };

/**
 * Varied complaints in the style citizens write: two or three clauses of one department's seed
 * messages, an opening, how long it has lasted, the impact and the request, at a random address.
 * Two of them rarely look alike enough to be linked as repeats (并单), as in a real intake.
 */
export function complaint(r: () => number): Complaint {
  const [department, clauses] = pick(r, CLAUSES);
  const n = 2 + Math.floor(r() * 2);
  const body: string[] = [];
  while (body.length < n) {
    const c = pick(r, clauses);
    if (!body.includes(c)) body.push(c);
  }
  const text = `${pick(r, OPENINGS)}${pick(r, SINCE)}，${body.join("，")}。${pick(r, IMPACTS)}${pick(r, REQUESTS)}`;
  const location = `${pick(r, ROADS)} ${1 + Math.floor(r() * 300)} 号${pick(r, PLACES)}`;
  return { text, location, department };
}
