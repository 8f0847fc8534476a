import type { Context, Hono } from "hono";
import { html } from "hono/html";
import type { Core } from "../../src/core.js";
import type { CaseStatus } from "../../src/generated/prisma/client.js";
import { CaseKind } from "../../src/generated/prisma/enums.js";
import { CASE_STATUSES } from "../../src/cases/state-machine.js";
import { createCaseFileService, SEARCH_LIMIT, type CaseFile } from "../../src/web/case-file-service.js";
import { scopeCovers } from "../../src/web/scope.js";
import { shanghaiTime } from "../../src/web/format.js";
import { shanghaiStart } from "../../src/web/figures-service.js";
import { departmentName } from "../../src/notifications/cards.js";
import { notice, page, translator, type T } from "./layout.js";
import { forbidden } from "./auth-routes.js";
import { renderCaseFilePdf } from "../../src/web/case-file-pdf.js";
import type { WebEnv } from "./web-env.js";
import type { WebViewer } from "../../src/web/auth-service.js";
import { toStaffActor } from "../../src/staff/staff-service.js";
import { lawsuitsSection, mountLawsuitRoute } from "./lawsuits.js";

/** Longest findings text a review takes (it goes into a staff message too, well under Telegram's 4,096). */
export const REVIEW_FINDINGS_MAX = 2000;
type CaseReviewRow = { createdAt: Date; reviewer: string; procedureProper: boolean; evidenceSufficient: boolean; findings: string };

const KINDS = Object.values(CaseKind);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Who did it, as the case file shows it. */
export function actorLabel(t: T, e: { actor: string; name: string | null; role: string | null }): string {
  if (e.actor === "staff") return t("web-actor-staff", { name: e.name ?? "?", role: e.role ? t(`role-${e.role}`) : "?" });
  if (e.actor === "web") return t("web-actor-web");
  if (e.actor.startsWith("open311:")) return t("web-actor-open311", { client: e.actor.slice("open311:".length) });
  return e.actor === "citizen" ? t("web-actor-citizen") : e.actor === "system" ? t("web-actor-system") : e.actor;
}

/**
 * The legal office's review form (item 19, yearly case-file review): 程序是否得当、证据是否充分 and
 * findings, posted with the session's CSRF token. Shown only to the legal office, who alone may post it.
 */
function reviewForm(t: T, f: CaseFile, viewer: WebViewer) {
  if (viewer.role !== "LEGAL_OFFICE") return "";
  const yesNo = (name: string, label: string) =>
    html`<label>${label}<select name="${name}" required><option value="">—</option><option value="yes">${t("review-yes")}</option><option value="no">${t("review-no")}</option></select></label>`;
  return html`<h2>${t("web-review-title")}</h2>
    <form class="filters" id="review" method="post" action="/web/cases/${f.number}/review"><input type="hidden" name="_csrf" value="${viewer.csrfToken}" />
      ${yesNo("procedure", t("web-review-procedure"))}${yesNo("evidence", t("web-review-evidence"))}
      <label>${t("web-review-findings")}<textarea name="findings" rows="3" cols="60" maxlength="${REVIEW_FINDINGS_MAX}" required></textarea></label>
      <button type="submit" id="review-submit">${t("web-review-submit")}</button></form>`;
}

function reviewsHtml(t: T, reviews: CaseReviewRow[]) {
  if (reviews.length === 0) return "";
  return html`<h2>${t("web-reviews")}</h2>${reviews.map(
    (r) => html`<div class="event review"><span class="muted">${shanghaiTime(r.createdAt)}</span> · ${r.reviewer}<br />
      ${t("web-review-procedure")}：${t(r.procedureProper ? "review-yes" : "review-no")}；${t("web-review-evidence")}：${t(r.evidenceSufficient ? "review-yes" : "review-no")}<br />${r.findings}</div>`,
  )}`;
}

function caseFileHtml(t: T, f: CaseFile, locale: string) {
  const row = (k: string, v: unknown) => (v === null || v === undefined || v === "" ? "" : html`<tr><th class="l">${k}</th><td class="l">${String(v)}</td></tr>`);
  const id = f.identity;
  return html`<p><a href="/web/cases/${f.number}/export.pdf">${t("web-export-pdf")}</a> · <a href="/web/cases/${f.number}/export.json">${t("web-export-json")}</a></p>
    <h2>${t("web-case-facts")}</h2><table>
      ${row(t("web-kind"), t(`kind-${f.kind}`))}${row(t("web-status"), t(`status-${f.status}`))}
      ${row(t("web-department"), f.department ? departmentName(f.department, locale, f.department.code) : t("web-unrouted"))}
      ${row(t("web-received-at"), shanghaiTime(f.receivedAt))}${row(t("web-due-at"), shanghaiTime(f.dueAt))}${row(t("web-closed-at"), f.closedAt ? shanghaiTime(f.closedAt) : "")}
      ${row(t("web-text"), f.text)}${row(t("web-location"), f.location)}
      ${id.anonymous ? html`<tr><th class="l">${t("web-contact")}</th><td class="l">${t("web-anonymous")}</td></tr>` : html`${row(t("web-contact"), [id.contactName, id.contactPhone].filter(Boolean).join(" "))}${id.details ? row(t("web-applicant"), JSON.stringify(id.details)) : ""}`}
      ${row(t("web-answer"), f.answer)}${row(t("web-reply-type"), f.replyType ? t(`reply-type-${f.replyType}`) : "")}
      ${row(t("web-satisfied"), f.satisfied === null ? "" : t(f.satisfied ? "web-satisfied-yes" : "web-satisfied-no"))}
      ${row(t("web-extension"), f.extension ? `${f.extension.state} · ${f.extension.days ?? "?"}` : "")}${row(t("web-outcome"), f.outcome)}
    </table>
    <h2>${t("web-history")}</h2>
    ${f.events.map((e) => html`<div class="event"><span class="muted">${shanghaiTime(e.at)}</span> · ${actorLabel(t, e)} · <code>${e.action}</code> · ${e.from ? t(`status-${e.from}`) : ""} → ${t(`status-${e.to}`)}${e.note ? html`<br />${e.note}` : ""}</div>`)}
    <h2>${t("web-messages")}</h2>
    ${f.messages.map((m) => html`<div class="event"><span class="muted">${shanghaiTime(m.at)}</span> · ${t(`web-message-${m.direction}`)}${m.staff ? ` · ${m.staff}` : ""}<br />${m.text}</div>`)}`;
}

/** GET /web/cases (search), /web/cases/:number (the case file) and its exports (.json, .pdf). */
export function mountCasePages(app: Hono<WebEnv>, core: Core): void {
  const files = createCaseFileService({ prisma: core.prisma });

  app.get("/cases", async (c) => {
    const viewer = c.get("viewer");
    const t = translator(core.i18n, viewer.locale);
    const q = c.req.query();
    const departments = await core.prisma.department.findMany({ orderBy: { id: "asc" } });
    const dept = q.department ? departments.find((d) => d.code === q.department) : undefined;
    if (q.department && !dept) return c.html(notice(t, t("web-cases-title"), t("web-unknown-department"), viewer), 400);
    if (dept && !scopeCovers(viewer.scope, dept.id)) return forbidden(c, core, viewer);
    const status = CASE_STATUSES.includes(q.status as CaseStatus) ? (q.status as CaseStatus) : undefined;
    const kind = KINDS.includes(q.kind as CaseKind) ? (q.kind as CaseKind) : undefined;
    const from = DAY.test(q.from ?? "") ? shanghaiStart(q.from!) : undefined;
    const to = DAY.test(q.to ?? "") ? new Date(shanghaiStart(q.to!).getTime() + 86_400_000) : undefined;
    const { count, cases } = await files.search(viewer.scope, { q: q.q, department: dept?.id, status, kind, from, to });
    const name = (id: number | null) => {
      const d = departments.find((x) => x.id === id);
      return d ? departmentName(d, viewer.locale, d.code) : t("web-unrouted");
    };
    const opt = (value: string, label: string, current?: string) => html`<option value="${value}" ${value === (current ?? "") ? "selected" : ""}>${label}</option>`;
    const body = html`<form class="filters" method="get" action="/web/cases">
        <label>${t("web-search-q")}<input type="search" name="q" value="${q.q ?? ""}" /></label>
        <label>${t("web-department")}<select name="department">${viewer.scope.all ? opt("", t("web-any"), q.department) : ""}
          ${departments.filter((d) => scopeCovers(viewer.scope, d.id)).map((d) => opt(d.code, departmentName(d, viewer.locale, d.code), q.department))}</select></label>
        <label>${t("web-status")}<select name="status">${opt("", t("web-any"), q.status)}${CASE_STATUSES.map((s) => opt(s, t(`status-${s}`), q.status))}</select></label>
        <label>${t("web-kind")}<select name="kind">${opt("", t("web-any"), q.kind)}${KINDS.map((k) => opt(k, t(`kind-${k}`), q.kind))}</select></label>
        <label>${t("web-from")}<input type="date" name="from" value="${q.from ?? ""}" /></label>
        <label>${t("web-to")}<input type="date" name="to" value="${q.to ?? ""}" /></label>
        <button type="submit" id="search">${t("web-search")}</button></form>
      <p class="note" id="result-count">${t("web-results-count", { count, limit: SEARCH_LIMIT })}</p>
      ${cases.length === 0 ? html`<p>${t("web-no-cases")}</p>` : html`<table id="results"><thead><tr><th class="l">${t("web-case-number")}</th><th class="l">${t("web-kind")}</th>
        <th class="l">${t("web-status")}</th><th class="l">${t("web-department")}</th><th class="l">${t("web-received-at")}</th><th class="l">${t("web-due-at")}</th><th class="l">${t("web-text")}</th></tr></thead><tbody>
        ${cases.map((r) => html`<tr><td class="l"><a href="/web/cases/${r.number}">${r.number}</a></td><td class="l">${t(`kind-${r.kind}`)}</td><td class="l">${t(`status-${r.status}`)}</td>
          <td class="l">${name(r.departmentId)}</td><td class="l">${shanghaiTime(r.createdAt)}</td><td class="l">${shanghaiTime(r.dueAt)}</td><td class="l">${r.text.slice(0, 40)}</td></tr>`)}
        </tbody></table>`}`;
    return c.html(page(t, t("web-cases-title"), body, viewer));
  });

  async function load(c: Context<WebEnv>) {
    const viewer = c.get("viewer");
    const t = translator(core.i18n, viewer.locale);
    const r = await files.caseFile(viewer.scope, c.req.param("number") ?? "");
    if (r.ok) return { viewer, t, file: r.file };
    if (r.reason === "forbidden") return { response: forbidden(c, core, viewer) };
    return { response: c.html(notice(t, t("web-cases-title"), t("web-not-found"), viewer), 404) };
  }

  app.get("/cases/:number/export.json", async (c) => {
    const r = await load(c);
    if ("response" in r) return r.response;
    c.header("content-disposition", `attachment; filename="${r.file.number}.json"`);
    return c.json(r.file);
  });

  app.get("/cases/:number/export.pdf", async (c) => {
    const r = await load(c);
    if ("response" in r) return r.response;
    const pdf = await renderCaseFilePdf(r.t, r.file, { viewerName: r.viewer.name, locale: r.viewer.locale, now: core.now() });
    return c.body(new Uint8Array(pdf), 200, { "content-type": "application/pdf", "content-disposition": `attachment; filename="${r.file.number}.pdf"` });
  });

  async function reviewsOf(number: string): Promise<CaseReviewRow[]> {
    const c = await core.prisma.case.findUnique({ where: { number }, select: { id: true } });
    if (!c) return [];
    const rows = await core.prisma.caseReview.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
    const staff = await core.prisma.staffMember.findMany({ where: { id: { in: rows.map((r) => r.reviewerId) } }, select: { id: true, displayName: true } });
    return rows.map((r) => ({ ...r, reviewer: staff.find((s) => s.id === r.reviewerId)?.displayName ?? "?" }));
  }

  app.get("/cases/:number", async (c) => {
    const r = await load(c);
    if ("response" in r) return r.response;
    const done = c.req.query("reviewed") === "1" ? html`<p class="note" id="review-done">${r.t("web-review-done")}</p>` : "";
    const body = html`${done}${caseFileHtml(r.t, r.file, r.viewer.locale)}${reviewsHtml(r.t, await reviewsOf(r.file.number))}${reviewForm(r.t, r.file, r.viewer)}${await lawsuitsSection(core, r.t, r.file, r.viewer)}`;
    return c.html(page(r.t, r.t("web-case-title", { number: r.file.number }), body, r.viewer));
  });

  mountLawsuitRoute(app, core, load);

  /**
   * POST /web/cases/:number/review: the legal office records its review (the session middleware
   * has already checked the CSRF token). The case service writes the findings, the audit event and
   * the supervisors' notice in one transaction; anyone but the legal office is refused there too.
   */
  app.post("/cases/:number/review", async (c) => {
    const r = await load(c);
    if ("response" in r) return r.response;
    if (r.viewer.role !== "LEGAL_OFFICE") return forbidden(c, core, r.viewer);
    const form = await c.req.parseBody();
    const yes = (v: unknown) => (v === "yes" ? true : v === "no" ? false : null);
    const procedureProper = yes(form.procedure);
    const evidenceSufficient = yes(form.evidence);
    const findings = typeof form.findings === "string" ? form.findings.trim() : "";
    if (procedureProper === null || evidenceSufficient === null || findings.length === 0 || findings.length > REVIEW_FINDINGS_MAX) {
      return c.html(notice(r.t, r.t("web-review-title"), r.t("web-review-invalid", { max: REVIEW_FINDINGS_MAX }), r.viewer), 400);
    }
    const staff = await core.staff.get(r.viewer.staffId);
    const caseId = (await core.cases.byNumber(r.file.number))?.id;
    if (!staff || !caseId) return forbidden(c, core, r.viewer);
    const done = await core.cases.reviewCaseFile(caseId, toStaffActor(staff), { procedureProper, evidenceSufficient, findings });
    if (!done.ok) return forbidden(c, core, r.viewer);
    return c.redirect(`/web/cases/${r.file.number}?reviewed=1`, 303);
  });
}
