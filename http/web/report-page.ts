import type { Context, Hono } from "hono";
import { html } from "hono/html";
import ExcelJS from "exceljs";
import type { Core } from "../../src/core.js";
import { shanghaiDay } from "../../src/clock/calendar.js";
import { APPLICANT_COLUMNS, createDisclosureReport, REPORT_ROWS, type DisclosureReport } from "../../src/web/disclosure-report.js";
import { page, translator } from "./layout.js";
import { forbidden } from "./auth-routes.js";
import type { WebEnv } from "./web-env.js";

const SHEET = "三、收到和处理政府信息公开申请情况";

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
      </tbody></table><p class="note">${t("web-report-note")}</p>`;
    return c.html(page(t, t("web-report-title", { year: report.year }), body, viewer));
  });
}
