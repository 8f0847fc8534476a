import type { Context, Hono } from "hono";
import { html } from "hono/html";
import type { Core } from "../../src/core.js";
import type { DisclosureLawsuit } from "../../src/generated/prisma/client.js";
import type { WebViewer } from "../../src/web/auth-service.js";
import type { CaseFile } from "../../src/web/case-file-service.js";
import { shanghaiStart } from "../../src/web/figures-service.js";
import { shanghaiDay } from "../../src/clock/calendar.js";
import { toStaffActor } from "../../src/staff/staff-service.js";
import type { LawsuitResult } from "../../src/cases/review-actions.js";
import { forbidden } from "./auth-routes.js";
import { notice, type T } from "./layout.js";
import type { WebEnv } from "./web-env.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const RESULTS: (LawsuitResult | "pending")[] = ["pending", "upheld", "corrected", "other"];
/** Who records lawsuits: the legal office and administrators (the rules table's record_lawsuit). */
const mayRecord = (v: WebViewer) => v.role === "LEGAL_OFFICE" || v.role === "ADMIN";

function lawsuitForm(t: T, number: string, viewer: WebViewer, l?: DisclosureLawsuit) {
  const day = (d: Date | null | undefined) => (d ? shanghaiDay(d) : "");
  const opt = (value: string, label: string, selected: boolean) => html`<option value="${value}" ${selected ? "selected" : ""}>${label}</option>`;
  return html`<form class="filters lawsuit" method="post" action="/web/cases/${number}/lawsuits"><input type="hidden" name="_csrf" value="${viewer.csrfToken}" />
    ${l ? html`<input type="hidden" name="id" value="${l.id}" />` : ""}
    <label>${t("web-lawsuit-filed")}<input type="date" name="filedOn" value="${day(l?.filedOn)}" required /></label>
    <label>${t("web-lawsuit-after")}<select name="after">${opt("no", t("web-lawsuit-after-no"), l?.afterReconsideration !== true)}${opt("yes", t("web-lawsuit-after-yes"), l?.afterReconsideration === true)}</select></label>
    <label>${t("web-lawsuit-result")}<select name="result">${RESULTS.map((r) => opt(r, t(`web-lawsuit-${r}`), (l?.result ?? "pending") === r))}</select></label>
    <label>${t("web-lawsuit-decided")}<input type="date" name="decidedOn" value="${day(l?.decidedOn)}" /></label>
    <button type="submit">${t("web-lawsuit-submit")}</button></form>`;
}

/**
 * The lawsuits against a disclosure request's answer (the annual report's section 四), on its case
 * page: listed for everyone who may see the case, recorded and updated by the legal office and
 * administrators (a form per lawsuit, and one for a new one).
 */
export async function lawsuitsSection(core: Core, t: T, f: CaseFile, viewer: WebViewer) {
  if (f.kind !== "DISCLOSURE") return "";
  const c = await core.prisma.case.findUnique({ where: { number: f.number }, select: { id: true } });
  const rows = c ? await core.prisma.disclosureLawsuit.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } }) : [];
  if (!mayRecord(viewer) && rows.length === 0) return "";
  const line = (l: DisclosureLawsuit) =>
    html`${shanghaiDay(l.filedOn)} · ${t(l.afterReconsideration ? "web-lawsuit-after-yes" : "web-lawsuit-after-no")} · ${t(`web-lawsuit-${l.result ?? "pending"}`)}${l.decidedOn ? ` · ${shanghaiDay(l.decidedOn)}` : ""}`;
  return html`<h2>${t("web-lawsuit-title")}</h2><div id="lawsuits">
    ${rows.map((l) => html`<div class="event">${line(l)}${mayRecord(viewer) ? lawsuitForm(t, f.number, viewer, l) : ""}</div>`)}
    ${f.status === "CLOSED" && mayRecord(viewer) ? lawsuitForm(t, f.number, viewer) : ""}</div>`;
}

/** POST /web/cases/:number/lawsuits: a new lawsuit, or (with `id`) one's result; the case service checks the role again. */
export function mountLawsuitRoute(
  app: Hono<WebEnv>,
  core: Core,
  load: (c: Context<WebEnv>) => Promise<{ viewer: WebViewer; t: T; file: CaseFile } | { response: Response | Promise<Response> }>,
): void {
  app.post("/cases/:number/lawsuits", async (c) => {
    const r = await load(c);
    if ("response" in r) return r.response;
    if (!mayRecord(r.viewer) || r.file.kind !== "DISCLOSURE") return forbidden(c, core, r.viewer);
    const form = await c.req.parseBody();
    const str = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
    const result = RESULTS.includes(str("result") as LawsuitResult) ? (str("result") as LawsuitResult | "pending") : null;
    const id = str("id") === "" ? undefined : Number(str("id"));
    const decided = DAY.test(str("decidedOn")) ? shanghaiStart(str("decidedOn")) : null;
    if (!DAY.test(str("filedOn")) || !["yes", "no"].includes(str("after")) || result === null || (id !== undefined && !Number.isInteger(id)) || (result !== "pending" && !decided)) {
      return c.html(notice(r.t, r.t("web-lawsuit-title"), r.t("web-lawsuit-invalid"), r.viewer), 400);
    }
    const staff = await core.staff.get(r.viewer.staffId);
    const caseId = (await core.cases.byNumber(r.file.number))?.id;
    if (!staff || !caseId) return forbidden(c, core, r.viewer);
    const done = await core.cases.recordLawsuit(caseId, toStaffActor(staff), {
      id,
      afterReconsideration: str("after") === "yes",
      filedOn: shanghaiStart(str("filedOn")),
      result: result === "pending" ? null : result,
      decidedOn: result === "pending" ? null : decided,
    });
    if (!done.ok) return done.reason === "not_found" ? c.html(notice(r.t, r.t("web-lawsuit-title"), r.t("web-not-found"), r.viewer), 404) : forbidden(c, core, r.viewer);
    return c.redirect(`/web/cases/${r.file.number}`, 303);
  });
}
