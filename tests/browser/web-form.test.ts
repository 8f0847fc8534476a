import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startStack, type Stack } from "../helpers/stack.js";
import { freePort } from "../helpers/env.js";
import { waitUntil } from "../helpers/wait.js";
import { closeHttpServer, createHttpServer } from "../../http/server.js";

// Issue 14, "A plain web form": a citizen without Telegram fills it in on a phone-sized screen in
// Debian's Chromium (playwright-core), gets a case number and a secret, and opens the status page
// with them once the workers have routed the case. Screenshots go to test-artifacts/web/ (gitignored).
// Tuesday 1 Dec 2026, 10:00 in Beijing: a complaint's 15 working days, counted by hand from 2 Dec
// (2–4, 7–11, 14–18, 21, 22 December), end on 22 Dec 2026.
const NOW = new Date("2026-12-01T02:00:00Z");
const HOUSING_HANDLER = 900001;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts", "web");
let stack: Stack;
let server: Server;
let base: string;
let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  stack = await startStack({ now: () => NOW, env: { WEB_BASE_URL: base } });
  server = createHttpServer(stack.core);
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  profile = mkdtempSync(join(tmpdir(), "ms-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // A phone: 390 × 844 CSS pixels, touch.
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (server) await closeHttpServer(server, 100);
  await stack?.stop();
});

/** Opens the status page of the first case with its number and secret. */
async function lookUp(secret: string): Promise<void> {
  await page.goto(`${base}/form/status`);
  await page.fill("#number", "MS-2026-000001");
  await page.fill("#secret", secret);
  await page.click("#look-up");
  await page.waitForSelector("#status");
}

/** Nothing wider than the screen: no sideways scrolling on a phone. */
const fitsScreen = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the web form in Chromium on a phone-sized screen", () => {
  it("files a complaint after consent, shows the number and secret once, and the status page with them", async () => {
    await page.goto(`${base}/form`);
    expect(await page.textContent("h1")).toBe("在线提交诉求");
    await page.click('a[href="/form/complaint"]');
    await page.waitForURL(`${base}/form/complaint`);
    expect(await fitsScreen()).toBe(true);
    await page.fill("#description", "小区楼下的下水道堵塞一个星期了，物业一直不处理，楼道里全是臭水。");
    await page.fill("#address_string", "幸福路 12 号幸福小区东门");
    await page.fill("#first_name", "刘明");
    await page.fill("#phone", "138 0013 8000");
    await page.screenshot({ path: join(ARTIFACTS, "form-1-complaint.png"), fullPage: true });

    // Without consent nothing is filed, and what was typed stays.
    await page.click("#submit");
    await page.waitForSelector("#form-errors");
    expect(await page.textContent('[data-field="consent"]')).toBe("请阅读隐私说明并勾选同意");
    expect(await page.inputValue("#address_string")).toBe("幸福路 12 号幸福小区东门");
    expect(await stack.core.prisma.case.count()).toBe(0);

    await page.check("#consent");
    await page.click("#submit");
    await page.waitForSelector("#secret");
    const receipt = (await page.textContent("#receipt"))!;
    expect(receipt).toContain("事项编号：MS-2026-000001");
    expect(receipt).toContain("答复期限：2026年12月22日");
    const secret = (await page.textContent("#secret"))!.trim();
    expect(secret).toMatch(/^[\w-]{24}$/);
    expect(await fitsScreen()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "form-2-receipt.png"), fullPage: true });

    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number: "MS-2026-000001" }, include: { citizen: true, events: true } });
    expect(c).toMatchObject({ kind: "COMPLAINT", contactName: "刘明", contactPhone: "13800138000" });
    expect(c.citizen).toMatchObject({ telegramId: null, channel: "web" });
    expect(c.citizen.consentAt).not.toBeNull();
    expect(c.events[0]).toMatchObject({ action: "submit", actor: "web" });

    // Going back and submitting the same page again files nothing more, and shows no secret.
    await page.goBack();
    await page.click("#submit");
    await page.waitForSelector("text=这份表单已经提交过了");
    expect(await stack.core.prisma.case.count()).toBe(1);

    // The workers route it; the routing notice waits on the status page.
    await waitUntil(() => stack.core.prisma.citizenNotice.findFirst({ where: { caseId: c.id, type: "case_routed" } }), 30_000, "routing notice");
    await page.goto(`${base}/form/status`);
    await page.fill("#number", "MS-2026-000001");
    await page.fill("#secret", "wrong-secret-000000000000");
    await page.click("#look-up");
    await page.waitForSelector("#status-wrong");

    await page.fill("#number", "ms-2026-000001");
    await page.fill("#secret", secret);
    await page.click("#look-up");
    await page.waitForSelector("#status");
    expect(await page.textContent("#status-value")).toBe("已分派");
    expect(await page.textContent("#due")).toBe("2026年12月22日");
    expect(await page.textContent('[data-type="case_routed"]')).toContain("您的事项 MS-2026-000001 已交由「区住房和城乡建设局」办理，答复期限 2026年12月22日。");
    expect(await fitsScreen()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "form-3-status.png"), fullPage: true });

    // The handler's question waits on the status page; the reply goes back through the same case service to the staff bot.
    const handlerChat = stack.staff(HOUSING_HANDLER);
    const card = await handlerChat.expect(/MS-2026-000001/, 30_000);
    expect(card.text).toContain("经网页表单提交，群众没有 Telegram");
    const h = await stack.core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: BigInt(HOUSING_HANDLER) } });
    const handler = { kind: "staff" as const, id: h.id, role: h.role, departmentId: h.departmentId, active: true };
    expect((await stack.core.cases.accept(c.id, handler)).ok).toBe(true);
    expect((await stack.core.cases.ask(c.id, handler, "请问是几号楼门口？")).ok).toBe(true);
    await waitUntil(() => stack.core.prisma.citizenNotice.findFirst({ where: { caseId: c.id, type: "question" } }), 30_000, "question kept");
    await lookUp(secret);
    expect(await page.textContent('[data-type="question"]')).toContain("请问是几号楼门口？");
    await page.fill("#reply", "3 号楼东门口。");
    await page.click("#send-reply");
    await page.waitForSelector("#message");
    expect(await page.textContent("#message")).toBe("已收到您的回复，已转交承办人员。");
    const relayed = await handlerChat.expect(/群众对 MS-2026-000001 的回复/, 30_000);
    expect(relayed.text).toContain("3 号楼东门口。");

    // Answered: the answer and the rating on the status page.
    expect((await stack.core.cases.answer(c.id, handler, "已责成物业三日内疏通下水道。")).ok).toBe(true);
    await waitUntil(() => stack.core.prisma.citizenNotice.findFirst({ where: { caseId: c.id, type: "case_answered" } }), 30_000, "answer kept");
    await lookUp(secret);
    expect(await page.textContent("#answer")).toBe("已责成物业三日内疏通下水道。");
    expect(await page.textContent("#outcome")).toBe("已答复并办结");
    await page.screenshot({ path: join(ARTIFACTS, "form-5-answered.png"), fullPage: true });
    await page.click("#rate-yes");
    await page.waitForSelector("#message");
    expect(await page.textContent("#message")).toBe("感谢您的评价！");
    expect((await stack.core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).satisfied).toBe(true);
    expect((await stack.core.cases.events(c.id)).map((e) => [e.action, e.actor.startsWith("staff:") ? "staff" : e.actor])).toEqual([
      ["submit", "web"],
      ["classify", "system"],
      ["route", "system"],
      ["accept", "staff"],
      ["ask", "staff"],
      ["citizen_reply", "citizen"],
      ["answer", "staff"],
      ["rate", "citizen"],
    ]);
  }, 180_000);

  it("puts the emergency numbers first when the description reads as an emergency", async () => {
    await page.goto(`${base}/form/complaint`);
    await page.fill("#description", "楼道里有很重的煤气味，邻居家好像没人");
    await page.fill("#address_string", "幸福路 12 号 3 栋");
    await page.check('input[name="attribute[anonymous]"][value="true"]');
    await page.check("#consent");
    await page.click("#submit");
    await page.waitForSelector("#emergency");
    const advice = (await page.textContent("#emergency"))!;
    expect(advice.startsWith("🚨 请立即拨打 119")).toBe(true);
    expect(advice).toContain("燃气");
    await page.screenshot({ path: join(ARTIFACTS, "form-4-emergency.png"), fullPage: true });
    const c = await stack.core.prisma.case.findFirstOrThrow({ where: { number: "MS-2026-000002" } });
    expect(c).toMatchObject({ anonymous: true, contactName: null, contactPhone: null });
    expect((c.details as { emergency?: unknown }).emergency).toBeTruthy();
  }, 60_000);

  it("refuses a post without the form's CSRF token (403)", async () => {
    const res = await fetch(`${base}/form/complaint`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ description: "小区楼下的下水道堵塞一个星期了", address_string: "幸福路", consent: "yes", _submission: "0".repeat(32) }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await stack.core.prisma.case.count()).toBe(2);
  });
});
