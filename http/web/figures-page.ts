import type { Hono } from "hono";
import { html, raw } from "hono/html";
import type { Core } from "../../src/core.js";
import { createFiguresService, rates, type FiguresRow } from "../../src/web/figures-service.js";
import { scopeCovers, type WebScope } from "../../src/web/scope.js";
import { departmentName } from "../../src/notifications/cards.js";
import { page, percent, translator, type T } from "./layout.js";
import { forbidden } from "./auth-routes.js";
import { periodFrom } from "./period.js";
import type { WebEnv } from "./web-env.js";

type Dept = { id: number; code: string; nameZh: string; nameEn: string };

/** JSON inside a <script type="application/json">: "<" escaped so no text can close the tag. */
export const scriptJson = (v: unknown) => raw(JSON.stringify(v).replace(/</g, "\\u003c"));

function table(t: T, rows: { label: string; r: FiguresRow }[], first: string) {
  const h = (n: number | null) => (n === null ? "—" : String(n));
  return html`<table><thead><tr><th class="l">${first}</th><th>${t("web-fig-received")}</th><th>${t("web-fig-closed")}</th>
    <th>${t("web-fig-on-time")}</th><th>${t("web-fig-on-time-rate")}</th><th>${t("web-fig-overdue-now")}</th>
    <th>${t("web-fig-satisfaction")}</th><th>${t("web-fig-reopen-rate")}</th><th>${t("web-fig-first-action")}</th>
    <th>${t("web-fig-answer")}</th></tr></thead><tbody>
    ${rows.map(({ label, r }) => {
      const x = rates(r);
      return html`<tr><td class="l">${label}</td><td>${r.received}</td><td>${r.closed}</td><td>${r.closedOnTime}</td>
        <td>${percent(x.onTime)}</td><td>${r.overdueNow}</td><td>${percent(x.satisfaction)} <span class="muted">(${r.satisfied}/${r.rated})</span></td>
        <td>${percent(x.reopen)}</td><td>${h(r.medianFirstActionHours)}</td><td>${h(r.medianAnswerHours)}</td></tr>`;
    })}</tbody></table>`;
}

/** GET /web/figures: the 三率 and more for a period, per department (or the viewer's one) and per kind. */
export function mountFiguresPage(app: Hono<WebEnv>, core: Core): void {
  const figures = createFiguresService({ prisma: core.prisma, now: core.now });

  app.get("/figures", async (c) => {
    const viewer = c.get("viewer");
    const t = translator(core.i18n, viewer.locale);
    const period = periodFrom(c.req.query(), core.now());
    const departments: Dept[] = await core.prisma.department.findMany({ orderBy: { id: "asc" } });
    const asked = c.req.query("department");
    const dept = asked ? departments.find((d) => d.code === asked) : undefined;
    if (asked && !dept) return c.html(page(t, t("web-figures-title"), html`<p>${t("web-unknown-department")}</p>`, viewer), 400);
    if (dept && !scopeCovers(viewer.scope, dept.id)) return forbidden(c, core, viewer);
    const scope: WebScope = dept ? { all: false, departmentId: dept.id } : viewer.scope;
    const rows = await figures.figures(scope, period);
    const name = (id: number | null) => {
      const d = departments.find((x) => x.id === id);
      return d ? departmentName(d, viewer.locale, d.code) : t("web-unrouted");
    };
    const kindLabel = (k: string) => t(`kind-${k}`);
    const byDept = rows.filter((r) => r.level === "department" && (scope.all || r.departmentId === scope.departmentId));
    const byKind = rows.filter((r) => r.level === (scope.all ? "kind" : "cell"));
    const total = scope.all ? rows.find((r) => r.level === "district") : byDept[0];
    const deptRows = byDept.map((r) => ({ label: name(r.departmentId), r }));
    if (total && scope.all) deptRows.push({ label: t("web-district"), r: total });

    const chart = {
      locale: viewer.locale.startsWith("zh") ? "ZH" : "EN",
      categories: (scope.all ? byDept.map((r) => name(r.departmentId)) : byKind.map((r) => kindLabel(r.kind ?? ""))),
      rows: (scope.all ? byDept : byKind).map((r) => ({ ...r, ...rates(r) })),
      labels: {
        received: t("web-fig-received"),
        closed: t("web-fig-closed"),
        onTime: t("web-fig-on-time"),
        overdue: t("web-fig-overdue-now"),
        onTimeRate: t("web-fig-on-time-rate"),
        satisfaction: t("web-fig-satisfaction"),
        reopen: t("web-fig-reopen-rate"),
        counts: t("web-chart-counts"),
        rates: t("web-chart-rates"),
      },
    };
    const options = departments.filter((d) => scopeCovers(viewer.scope, d.id));
    const body = html`<form class="filters" method="get" action="/web/figures">
        <label>${t("web-from")}<input type="date" name="from" value="${period.from}" /></label>
        <label>${t("web-to")}<input type="date" name="to" value="${period.to}" /></label>
        <label>${t("web-department")}<select name="department">
          ${viewer.scope.all ? html`<option value="">${t("web-district")}</option>` : ""}
          ${options.map((d) => html`<option value="${d.code}" ${d.id === dept?.id ? "selected" : ""}>${departmentName(d, viewer.locale, d.code)}</option>`)}
        </select></label><button type="submit">${t("web-show")}</button></form>
      <p class="note">${t("web-figures-note", { from: period.from, to: period.to })}</p>
      <div id="chart-counts" class="chart"></div><div id="chart-rates" class="chart"></div>
      <h2>${scope.all ? t("web-by-department") : name(scope.departmentId)}</h2>
      ${table(t, deptRows, t("web-department"))}
      <h2>${t("web-by-kind")}</h2>
      ${table(t, byKind.map((r) => ({ label: kindLabel(r.kind ?? ""), r })), t("web-kind"))}
      <p class="note">${t("web-figures-definitions")}</p>
      <script type="application/json" id="figures-data">${scriptJson(chart)}</script>
      <script src="/web/assets/echarts.min.js"></script><script src="/web/assets/figures-chart.js"></script>`;
    return c.html(page(t, t("web-figures-title"), body, viewer));
  });
}
