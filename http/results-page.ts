import type { Hono } from "hono";
import { html } from "hono/html";
import type { Core } from "../src/core.js";
import { createResultsService } from "../src/publication/results-service.js";
import { departmentName } from "../src/notifications/cards.js";
import { formatDay } from "../src/i18n/i18n.js";
import { page, translator } from "./web/layout.js";
import type { AppEnv } from "./server.js";

/**
 * GET /results: complaint results the departments' supervisors approved for publication (item 31,
 * 办理结果向社会公开), with no sign-in: paginated and searchable, zh-CN. Only the stripped copies
 * are read (src/publication/), so nothing here can show a name, phone, id number or Telegram id.
 */
export function mountResultsPage(app: Hono<AppEnv>, core: Core): void {
  const results = createResultsService({ prisma: core.prisma });
  const t = translator(core.i18n, "zh-CN");

  app.get("/results", async (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 100);
    const asked = Number(c.req.query("page") ?? "1");
    // Pages beyond any real list are clamped (a huge offset is no query to run for a stranger).
    const list = await results.list({ q, page: Number.isInteger(asked) && asked > 0 ? Math.min(asked, 10_000) : 1 });
    const departments = await core.prisma.department.findMany();
    const name = (id: number | null) => {
      const d = departments.find((x) => x.id === id);
      return d ? departmentName(d, "zh-CN", d.code) : t("web-unrouted");
    };
    const link = (p: number) => `/results?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
    const body = html`<form class="filters" method="get" action="/results">
        <label>${t("public-results-search")}<input type="search" name="q" value="${q}" /></label>
        <button type="submit" id="search">${t("web-search")}</button></form>
      <p class="note" id="result-count">${t("public-results-count", { count: list.total, page: list.page, pages: list.pages })}</p>
      ${list.rows.length === 0
        ? html`<p>${t("public-results-none")}</p>`
        : html`<div id="results">${list.rows.map(
            (r) => html`<article class="event result"><p><strong>${r.number}</strong> · ${name(r.departmentId)} · <span class="muted">${t("public-results-dates", {
              received: formatDay(r.receivedAt, "zh-CN"),
              closed: formatDay(r.closedAt, "zh-CN"),
            })}</span>${r.place ? html` · ${r.place}` : ""}</p>
              <p><strong>${t("public-results-request")}</strong>${r.text}</p><p><strong>${t("public-results-answer")}</strong>${r.answer}</p></article>`,
          )}</div>`}
      <nav class="pages">${list.page > 1 ? html`<a id="prev" href="${link(list.page - 1)}">${t("public-results-prev")}</a> ` : ""}${list.page < list.pages
        ? html`<a id="next" href="${link(list.page + 1)}">${t("public-results-next")}</a>`
        : ""}</nav>
      <p class="note">${t("public-results-note")}</p>`;
    return c.html(page(t, t("public-results-title"), body, undefined, t("public-results-brand")));
  });
}
