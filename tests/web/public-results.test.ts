import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, type Cast } from "../helpers/case-fixtures.js";
import { createHttpApp } from "../../http/server.js";
import { stripPersonal, streetLevel } from "../../src/publication/strip-personal.js";

// Issue 13, "Published results (item 31)": approved results appear "stripped of personal data (no
// names, phones, ids; place to street level)" on a public page, paginated and searchable. The
// seeded complaints carry names (as contact, in the text with and without a form of address),
// mobile and landline phones in several spellings, identity numbers and Telegram ids; every page
// and every search of /results is checked for each of them.
let core: Core;
let cast: Cast;
let app: ReturnType<typeof createHttpApp>;

const NAMES = ["刘明", "张伟", "王芳", "李娜", "陈静", "杨帆", "赵敏", "黄磊", "周杰", "吴霞", "徐涛", "孙丽", "马超", "朱琳", "胡斌", "郭强", "何平", "罗刚", "郑爽", "梁辉", "谢婷", "宋佳", "唐宁", "韩雪", "冯军"];
/** People named in the texts who are not the complainant: with a form of address, or as jieba knows names. */
const THIRD_PARTIES = ["王建国", "李秀英", "欧阳娜娜"];
const phone = (i: number) => `139${String(10_000_000 + i * 7_919).padStart(8, "0")}`;
const spaced = (p: string) => `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`;
const dashed = (p: string) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;
const idNumber = (i: number) => `1101011990030${String(70 + i).padStart(3, "0")}${i % 3 === 0 ? "X" : "4"}`;
const LANDLINE = "010-62345678";
const telegramOf = (i: number) => 712_345_000 + i;

type Seeded = { number: string; secrets: string[] };
const approved: Seeded[] = [];
const hidden: Seeded[] = [];

/** A complaint from citizen `i`, answered by the handler; its personal data returned as the strings that must never appear. */
async function complaint(i: number, anonymous = false) {
  const name = NAMES[i % NAMES.length];
  const p = phone(i);
  const third = THIRD_PARTIES[i % THIRD_PARTIES.length];
  const citizen = await core.citizens.ensure(telegramOf(i));
  const spelling = [p, spaced(p), dashed(p)][i % 3];
  const { case: c } = await core.cases.submit({
    submissionKey: `pub-${i}`,
    citizenId: citizen.id,
    kind: "COMPLAINT",
    text: `我叫${name}，手机${spelling}，身份证号${idNumber(i)}，我的电报号${telegramOf(i)}。幸福小区${i + 1}栋楼下的路灯坏了，物业经理${third}说不归他管，座机${LANDLINE}没人接。事项${i}`,
    location: `幸福路 ${i + 10} 号幸福小区${i + 1}栋`,
    anonymous,
    contactName: anonymous ? null : name,
    contactPhone: anonymous ? null : p,
  });
  const routed = await core.cases.route(c.id, cast.housing.id);
  if (!routed.ok) throw new Error("route refused");
  await core.cases.accept(c.id, cast.handler);
  const answered = await core.cases.answer(c.id, cast.handler, `已修复路灯。已电话联系${name}（${spaced(p)}）确认，${third}已到场。`);
  if (!answered.ok) throw new Error("answer refused");
  return {
    id: c.id,
    number: c.number,
    secrets: [name, third, p, spaced(p), dashed(p), idNumber(i), String(telegramOf(i)), LANDLINE, "62345678", `${i + 10} 号`],
  };
}

beforeAll(async () => {
  core = createCore(testConfig());
  await resetDatabase(core.prisma);
  app = createHttpApp(core);
  cast = await castOf(core);
  // 25 approved (one anonymous): two pages of 20.
  for (let i = 0; i < 25; i++) {
    const c = await complaint(i, i === 7);
    expect((await core.cases.proposePublication(c.id, cast.handler)).ok).toBe(true);
    expect((await core.cases.approvePublication(c.id, cast.supervisor)).ok).toBe(true);
    approved.push(c);
  }
  // Proposed only; declined; approved and then reopened by the citizen (the result is no longer the answer that stands).
  const proposed = await complaint(30);
  await core.cases.proposePublication(proposed.id, cast.handler);
  const declined = await complaint(31);
  await core.cases.proposePublication(declined.id, cast.handler);
  await core.cases.declinePublication(declined.id, cast.supervisor);
  const reopened = await complaint(32);
  await core.cases.proposePublication(reopened.id, cast.handler);
  await core.cases.approvePublication(reopened.id, cast.supervisor);
  const citizen = await core.citizens.ensure(telegramOf(32));
  expect((await core.cases.rate(reopened.id, { kind: "citizen", id: citizen.id }, false)).ok).toBe(true);
  hidden.push(proposed, declined, reopened);
}, 120_000);
afterAll(async () => {
  await core?.close();
});

const get = async (path: string) => {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  return res.text();
};

describe("/results, the public page", () => {
  it("needs no sign-in and lists approved results 20 a page, newest first", async () => {
    const first = await get("/results");
    expect(first).toContain('<html lang="zh-CN">');
    expect(first).toContain("共 25 条，第 1 / 2 页");
    expect(first.match(/<article /g)).toHaveLength(20);
    expect(first).toContain(approved[24].number);
    expect(first).not.toContain(approved[0].number);
    const second = await get("/results?page=2");
    expect(second.match(/<article /g)).toHaveLength(5);
    expect(second).toContain(approved[0].number);
    expect(second).toContain('id="prev"');
  });

  it("never shows a result that is only proposed, was declined, or whose case was reopened", async () => {
    const pages = [await get("/results"), await get("/results?page=2")].join("");
    for (const h of hidden) expect(pages).not.toContain(h.number);
  });

  it("searches by number, text and place", async () => {
    const byNumber = await get(`/results?q=${approved[3].number}`);
    expect(byNumber).toContain("共 1 条");
    expect(byNumber).toContain(approved[3].number);
    expect(await get(`/results?q=${encodeURIComponent("事项12")}`)).toContain(approved[12].number);
    expect(await get(`/results?q=${encodeURIComponent("幸福路")}`)).toContain("共 25 条");
    expect(await get(`/results?q=${encodeURIComponent("没有这种事")}`)).toContain("暂无公开的办理结果");
  });

  it("never contains a name, phone, identity number or Telegram id of the seeded cases, on any page or search", async () => {
    const bodies = [await get("/results"), await get("/results?page=2"), await get("/results?page=3")];
    for (const c of approved) bodies.push(await get(`/results?q=${c.number}`));
    // Searching for the personal data itself finds nothing (it is not stored in the published copy).
    for (const s of approved.flatMap((c) => c.secrets.slice(0, 6))) {
      const page = await get(`/results?q=${encodeURIComponent(s)}`);
      expect(page, s).toContain("共 0 条");
      // The search box shows back what was typed; the rest of the page must not.
      bodies.push(page.replace(/<input type="search"[^>]*>/, ""));
    }
    const all = bodies.join("\n");
    for (const c of [...approved, ...hidden]) for (const s of c.secrets) expect(all, s).not.toContain(s);
    // Nor any 11-digit mobile number or 18-character identity number at all, nor the house numbers.
    expect(all).not.toMatch(/1[3-9]\d{9}/);
    expect(all).not.toMatch(/\d{17}[\dXx]/);
    expect(all).toContain("幸福路");
    expect(all).not.toMatch(/幸福路\s*\d/);
    // Nor the staff's names (the demo staff's, e.g. "王建" of "王建 (住建承办)").
    const staffNames = (await core.prisma.staffMember.findMany()).map((s) => s.displayName.split(" ")[0]).filter((n) => /^[\u4e00-\u9fa5]{2,4}$/.test(n));
    expect(staffNames.length).toBeGreaterThan(3);
    for (const s of staffNames) expect(all, s).not.toContain(s);
  });

  it("keeps what the public needs: the request, the answer, the department and the street", async () => {
    const page = await get(`/results?q=${approved[5].number}`);
    expect(page).toContain("楼下的路灯坏了");
    expect(page).toContain("已修复路灯");
    expect(page).toContain("区住房和城乡建设局");
    expect(page).toContain("幸福路");
  });
});

describe("stripping personal data", () => {
  it("masks names, numbers, handles and house numbers, and keeps ordinary words", () => {
    const out = stripPersonal("物业经理王建国一直不处理，钱先生和老王也知道，电话138 0013 8000，邮箱 lm@example.com，TG @liuming88，3栋2单元501室", ["刘明"]);
    for (const s of ["王建国", "钱先生", "老王", "138", "lm@example.com", "@liuming88", "501"]) expect(out).not.toContain(s);
    expect(out).toContain("物业经理");
    expect(out).toContain("一直不处理");
    expect(stripPersonal("建设路夜市烧烤油烟太大，晚上十二点还在营业")).toBe("建设路夜市烧烤油烟太大，晚上十二点还在营业");
  });

  it("cuts a place to its street, or gives none", () => {
    expect(streetLevel("幸福路 12 号幸福小区东门")).toBe("幸福路");
    expect(streetLevel("朝阳区建国门外大街1号")).toBe("朝阳区建国门外大街");
    expect(streetLevel("幸福小区3栋")).toBeNull();
    expect(streetLevel(null)).toBeNull();
  });
});
