import type { Context, Hono } from "hono";
import { html } from "hono/html";
import ExcelJS from "exceljs";
import type { Core } from "../../src/core.js";
import { shanghaiDay } from "../../src/clock/calendar.js";
import {
  APPLICANT_COLUMNS,
  createDisclosureReport,
  REMEDY_RESULT_LABELS,
  REMEDY_RESULTS,
  REPORT_ROWS,
  type DisclosureReport,
} from "../../src/web/disclosure-report.js";
import { page, translator } from "./layout.js";
import { forbidden } from "./auth-routes.js";
import type { WebEnv } from "./web-env.js";

const SHEET = "三、收到和处理政府信息公开申请情况";
const SHEET_REMEDIES = "四、政府信息公开行政复议、行政诉讼情况";

/** Section 四's fifteen numbers in the official column order: reconsideration, lawsuits direct, lawsuits after reconsideration. */
export function remedyCells(report: DisclosureReport): number[] {
  const r = report.remedies;
  return [r.reconsideration, r.lawsuitDirect, r.lawsuitAfterReconsideration].flatMap((row) => REMEDY_RESULTS.map((k) => row[k]));
}

/** One row's cells: every applicant counted as a natural person (see createDisclosureReport). */
const cells = (n: number | null) => (n === null ? APPLICANT_COLUMNS.map(() => "") : [n, 0, 0, 0, 0, 0, n]);

/** The .xlsx in the official layout: two header rows (自然人 | 法人或其他组织 ×5 | 总计), then the rows. */
export async function reportWorkbook(report: DisclosureReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET.slice(0, 31));
  ws.addRow([`${report.year}年政府信息公开工作年度报告 · ${SHEET}`]);
  ws.mergeCells(1, 1, 1, 8);
  ws.addRow(["申请人情况", "自然人", "法人或其他组织", "", "", "", "", "总计"]);
  ws.addRow(["", "", ...APPLICANT_COLUMNS.slice(1, 6), ""]);
  ws.mergeCells(2, 1, 3, 1);
  ws.mergeCells(2, 2, 3, 2);
  ws.mergeCells(2, 3, 2, 7);
  ws.mergeCells(2, 8, 3, 8);
  for (const r of REPORT_ROWS) ws.addRow([`${"  ".repeat(r.indent)}${r.label}`, ...cells(r.key ? (report.counts[r.key] ?? 0) : null)]);
  ws.getColumn(1).width = 60;
  for (let i = 2; i <= 8; i++) ws.getColumn(i).width = 12;
  ws.getRow(1).font = { bold: true };

  // Section 四 on its own sheet, in the official layout: 行政复议 (5 columns) | 行政诉讼 (未经复议直接起诉 5, 复议后起诉 5).
  const rs = wb.addWorksheet(SHEET_REMEDIES.slice(0, 31));
  rs.addRow([`${report.year}年政府信息公开工作年度报告 · ${SHEET_REMEDIES}`]);
  rs.mergeCells(1, 1, 1, 15);
  rs.addRow(["行政复议", "", "", "", "", "行政诉讼"]);
  rs.addRow([...REMEDY_RESULT_LABELS, "未经复议直接起诉", "", "", "", "", "复议后起诉"]);
  rs.addRow(["", "", "", "", "", ...REMEDY_RESULT_LABELS, ...REMEDY_RESULT_LABELS]);
  rs.addRow(remedyCells(report));
  // Merged once every row exists (a merge reaching a row not yet added would make addRow skip it).
  rs.mergeCells(2, 1, 2, 5);
  rs.mergeCells(2, 6, 2, 15);
  rs.mergeCells(3, 6, 3, 10);
  rs.mergeCells(3, 11, 3, 15);
  for (let col = 1; col <= 5; col++) rs.mergeCells(3, col, 4, col);
  for (let i = 1; i <= 15; i++) rs.getColumn(i).width = 10;
  rs.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** GET /web/report (page) and /web/report.xlsx: the district's annual disclosure report, admin and legal office only. */
export function mountReportPage(app: Hono<WebEnv>, core: Core): void {
  const reports = createDisclosureReport({ prisma: core.prisma });
  const yearOf = (c: Context<WebEnv>) => {
    const y = Number(c.req.query("year"));
    return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(shanghaiDay(core.now()).slice(0, 4));
  };

  app.get("/report.xlsx", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer.scope.all) return forbidden(c, core, viewer);
    const report = await reports.year(yearOf(c));
    return c.body(new Uint8Array(await reportWorkbook(report)), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="disclosure-report-${report.year}.xlsx"`,
    });
  });

  app.get("/report", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer.scope.all) return forbidden(c, core, viewer);
    const t = translator(core.i18n, viewer.locale);
    const report = await reports.year(yearOf(c));
    const body = html`<form class="filters" method="get" action="/web/report"><label>${t("web-report-year")}<input type="number" name="year" value="${report.year}" /></label>
        <button type="submit">${t("web-show")}</button> <a id="report-xlsx" href="/web/report.xlsx?year=${report.year}">${t("web-report-download")}</a></form>
      <h2>${SHEET}</h2>
      <table id="report"><thead><tr><th class="l" rowspan="2">申请人情况</th><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>
        <tr>${APPLICANT_COLUMNS.slice(1, 6).map((k) => html`<th>${k}</th>`)}</tr></thead><tbody>
        ${REPORT_ROWS.map((r) => html`<tr data-key="${r.key ?? ""}"><td class="l" style="padding-left:${0.5 + r.indent * 1.2}rem">${r.label}</td>${cells(r.key ? (report.counts[r.key] ?? 0) : null).map((v) => html`<td>${v}</td>`)}</tr>`)}
      </tbody></table><p class="note">${t("web-report-note")}</p>
      <h2>${SHEET_REMEDIES}</h2>
      <table id="report-remedies"><thead><tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>
        <tr>${REMEDY_RESULT_LABELS.map((l) => html`<th rowspan="2">${l}</th>`)}<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>
        <tr>${[...REMEDY_RESULT_LABELS, ...REMEDY_RESULT_LABELS].map((l) => html`<th>${l}</th>`)}</tr></thead>
        <tbody><tr>${remedyCells(report).map((n) => html`<td>${n}</td>`)}</tr></tbody></table>
      <p class="note">${t("web-report-remedies-note")}</p>`;
    return c.html(page(t, t("web-report-title", { year: report.year }), body, viewer));
  });
}
