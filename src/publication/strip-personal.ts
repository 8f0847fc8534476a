import { sharedJieba } from "../text/jieba.js";

/**
 * Takes personal data out of a complaint's text before it is published (item 31; 个人信息保护法
 * art. 4 ¶1 and art. 25: personal information is not disclosed without the person's consent). What
 * cannot be told apart from ordinary words is over-masked rather than kept; the supervisor sees
 * the stripped version before approving it.
 */
const MASK = "＊＊";

const segmenter = sharedJieba;

/** Runs of five or more digits, spaces or dashes between them allowed: phones, identity numbers (last char X), Telegram ids, card numbers. */
const LONG_NUMBER = /\d(?:[\s-]?\d){4,}[Xx]?/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const HANDLE = /@\w{3,}/g;
/** House numbers and rooms: 12号, 3栋, 2单元, 501室, 8号楼. */
const HOUSE_NUMBER = /[\d一二三四五六七八九十百零〇]+\s*(号楼|栋|幢|单元|室|号|层|户)/g;
/** The commonest Chinese surnames (about nine people in ten carry one of them). */
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
/** A surname with a form of address (钱先生, 王师傅, 老王, 小李). */
const ADDRESSED = new RegExp(`[${SURNAMES}](先生|女士|小姐|师傅|阿姨|大爷|大妈|大姐|大哥|老师|经理|主任|书记|科长|队长|同志)`, "g");
const FAMILIAR = new RegExp(`(?<=^|[^\\u4e00-\\u9fa5])[老小][${SURNAMES}](?=[^\\u4e00-\\u9fa5]|$)`, "g");
/** jieba's person-name tags; "x" is a word its model found that the dictionary lacks: one of 2–4 Han characters starting with a surname is most often a name. */
const NAME_TAGS = new Set(["nr", "nrfg", "nrt"]);
const UNKNOWN_NAME = new RegExp(`^[${SURNAMES}][\\u4e00-\\u9fa5]{1,3}$`);

/** Removes every given literal (a known name or phone), also when written with spaces. */
function withoutLiterals(text: string, literals: (string | null | undefined)[]): string {
  let out = text;
  for (const raw of literals) {
    const lit = raw?.replace(/\s+/g, "");
    if (!lit || lit.length < 2) continue;
    const pattern = new RegExp([...lit].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s*"), "g");
    out = out.replace(pattern, MASK);
  }
  return out;
}

/**
 * The text with personal data masked: the case's known names and phones, then anything shaped like
 * a phone, identity number, Telegram id, e-mail or handle, house numbers, surnames with a form of
 * address, and words jieba tags as person names or does not know and that start with a surname.
 */
export function stripPersonal(text: string, known: (string | null | undefined)[] = []): string {
  let out = withoutLiterals(text, known);
  out = out.replace(EMAIL, MASK).replace(HANDLE, MASK).replace(LONG_NUMBER, MASK).replace(HOUSE_NUMBER, `${MASK}$1`);
  out = out.replace(ADDRESSED, "某$1").replace(FAMILIAR, (m) => `${m[0]}某`);
  return segmenter()
    .tag(out, true)
    .map(({ word, tag }) => (NAME_TAGS.has(tag) || (tag === "x" && UNKNOWN_NAME.test(word)) ? MASK : word))
    .join("");
}

const STREET_SUFFIX = /(大道|大街|街道|路|街|巷|胡同|弄|里|村|镇|乡)/g;

/**
 * A place cut to street level (item 31: "place to street level"): what comes before the first
 * house number, up to the last street-like word in it ("幸福路 12 号幸福小区东门" → "幸福路").
 * Null when no street can be told (a building's name alone could point at a household).
 */
export function streetLevel(location: string | null | undefined): string | null {
  if (!location) return null;
  const compact = location.replace(/\s+/g, "");
  const beforeNumber = compact.split(/[\d一二三四五六七八九十]+(?:号|栋|幢|弄|单元|室|号楼)|\d/)[0];
  let end = -1;
  for (const m of beforeNumber.matchAll(STREET_SUFFIX)) end = (m.index ?? 0) + m[0].length;
  if (end <= 0) return null;
  const street = stripPersonal(beforeNumber.slice(0, end));
  return street.includes(MASK) ? null : street;
}
