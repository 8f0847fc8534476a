import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startStack, type Stack } from "../helpers/stack.js";
import { freePort } from "../helpers/env.js";
import { castOf, caseOf } from "../helpers/case-fixtures.js";
import { closeHttpServer, createHttpServer } from "../../http/server.js";

// Issue 13, "A real browser": Debian's Chromium driven by playwright-core (.ci/run installs the
// chromium package; Playwright's own browser downloads are not reachable here). A supervisor types
// /web in the staff bot, opens the link, sees the figures with the chart drawn, finds a case and
// opens its file. Screenshots go to test-artifacts/web/ (gitignored).
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts", "web");
let stack: Stack;
let server: Server;
let base: string;
let context: BrowserContext;
let page: Page;
let profile: string;
let caseNumber: string;
let resultNumber: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  stack = await startStack({ workers: false, env: { WEB_BASE_URL: base } });
  server = createHttpServer(stack.core);
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  // A few housing cases: open, answered and rated, one more answered.
  const cast = await castOf(stack.core);
  const first = await caseOf(stack.core, cast, "COMPLAINT");
  await stack.core.cases.answer(first.id, cast.handler, "已疏通下水道。");
  await stack.core.cases.rate(first.id, cast.applicant, true);
  // Its result proposed and approved for the public page (item 31).
  await stack.core.cases.proposePublication(first.id, cast.handler);
  await stack.core.cases.approvePublication(first.id, cast.supervisor);
  resultNumber = first.number;
  const second = await caseOf(stack.core, cast, "DISCLOSURE");
  await stack.core.cases.answer(second.id, cast.handler, "予以公开，见附件。", "disclosed");
  caseNumber = (await caseOf(stack.core, cast, "COMPLAINT")).number;

  profile = mkdtempSync(join(tmpdir(), "ms-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (server) await closeHttpServer(server, 100);
  await stack?.stop();
});

describe("the web desk in Chromium", () => {
  it("signs in with the /web link from the staff bot", async () => {
    const supervisor = stack.staff(900003);
    await supervisor.send("/web");
    const msg = await supervisor.expect(/网页工作台登录链接/);
    const url = /(http:\/\/\S+)/.exec(msg.text)![1];
    await page.goto(url);
    await page.screenshot({ path: join(ARTIFACTS, "1-sign-in.png") });
    await page.click("#sign-in");
    await page.waitForURL(`${base}/web/figures`);
    const cookies = await context.cookies(base);
    expect(cookies.find((c) => c.name === "ms_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });

  it("shows the figures with both charts drawn", async () => {
    await page.waitForSelector("body[data-charts-rendered='1']", { timeout: 20_000 });
    // ECharts' SVG renderer: bars are paths inside the chart's <svg>, the legend names are text.
    expect(await page.locator("#chart-counts svg path").count()).toBeGreaterThan(5);
    expect(await page.locator("#chart-rates svg").textContent()).toContain("按时办结率");
    expect(await page.locator("table").first().textContent()).toContain("区住房和城乡建设局");
    await page.screenshot({ path: join(ARTIFACTS, "2-figures.png"), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, "2-figures-top.png"), clip: { x: 0, y: 0, width: 1280, height: 640 } });
  });

  it("finds a case by number and opens its case file", async () => {
    await page.click("text=案卷");
    await page.fill("input[name=q]", caseNumber);
    await page.click("#search");
    await page.waitForSelector("#results");
    expect(await page.locator("#results tbody tr").count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, "3-case-search.png"), fullPage: true });
    await page.click(`text=${caseNumber}`);
    await page.waitForURL(`${base}/web/cases/${caseNumber}`);
    expect(await page.locator("h1").textContent()).toBe(`案卷 ${caseNumber}`);
    expect(await page.locator("main").textContent()).toContain("办理经过（审计记录）");
    await page.screenshot({ path: join(ARTIFACTS, "4-case-file.png"), fullPage: true });
  });

  it("shows the public results page without signing in", async () => {
    // A visitor with no session (the persistent profile's cookies cleared).
    await context.clearCookies();
    const visitor = await context.newPage();
    await visitor.goto(`${base}/results`);
    expect(await visitor.locator("h1").textContent()).toBe("群众诉求办理结果公开");
    expect(await visitor.locator("#results article").count()).toBe(1);
    expect(await visitor.locator("#results").textContent()).toContain(resultNumber);
    expect(await visitor.locator("#results").textContent()).toContain("幸福路");
    await visitor.fill("input[name=q]", "下水道");
    await visitor.click("#search");
    await visitor.waitForURL(/\/results\?q=/);
    expect(await visitor.locator("#result-count").textContent()).toContain("共 1 条");
    await visitor.screenshot({ path: join(ARTIFACTS, "5-results.png"), fullPage: true });
  });
});
