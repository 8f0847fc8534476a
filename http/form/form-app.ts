import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html } from "hono/html";
import { getCookie, setCookie } from "hono/cookie";
import type { HttpBindings } from "@hono/node-server";
import type { Core } from "../../src/core.js";
import type { FieldError } from "../../src/channels/request-fields.js";
import { sameSecret } from "../../src/web/auth-service.js";
import { dueForCitizen } from "../../src/notifications/cards.js";
import { webBaseUrl } from "../../src/web/base-url.js";
import { readBody } from "../open311/request-body.js";
import { MAX_BODY_BYTES } from "../open311/open311-app.js";
import { formPage, type T } from "./form-layout.js";
import { kindForm, type FormKind } from "./kind-forms.js";
import { statusView } from "./status-view.js";

type Env = { Bindings: HttpBindings };
const CSRF_COOKIE = "ms_form_csrf";
const KINDS: Record<FormKind, string> = { complaint: "complaint", disclosure: "disclosure", mediation: "mediation" };
const isKind = (k: string): k is FormKind => k in KINDS;

/**
 * The plain web form for citizens without Telegram (issue 14), mounted at /form: the three kinds
 * with the fields their bot intake asks, the privacy notice with a consent box, a receipt with the
 * case number and the status secret (shown once), and the status page (number + secret). It files
 * through the same channel intake as the Open311 API. Forms carry a CSRF token that must match a
 * cookie set with the form (double submit; SameSite=Strict), and a one-time submission id so a
 * second click files nothing more.
 */
export function createFormApp(core: Core): Hono<Env> {
  const app = new Hono<Env>();
  const t: T = (k, v) => core.i18n.t("zh-CN", k, v);
  const base = webBaseUrl(core.config);
  const days = core.config.RETENTION_DAYS;
  // Bodies over the limit are refused unread (413), as the API's.
  app.post("*", bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.html(formPage(t, t("form-title"), html`<p class="err">${t("form-too-large")}</p>`), 413) }));
  const privacy = t("form-privacy", { retentionDays: days, retentionYears: String(Number((days / 365).toFixed(1))) });

  /** The form's CSRF token: the browser's cookie, or a new one set now. */
  function csrfOf(c: Context<Env>): string {
    const have = getCookie(c, CSRF_COOKIE);
    if (have && /^[\w-]{32,64}$/.test(have)) return have;
    const token = randomBytes(24).toString("base64url");
    const secure = base.startsWith("https:") || c.req.header("x-forwarded-proto") === "https";
    setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/form", secure });
    return token;
  }
  const csrfOk = (c: Context<Env>, given: string | undefined) => {
    const cookie = getCookie(c, CSRF_COOKIE);
    return Boolean(cookie) && sameSecret(given, cookie!);
  };

  app.get("/", (c) =>
    c.html(
      formPage(
        t,
        t("form-title"),
        html`<p>${t("form-intro")}</p><p>${t("form-choose")}</p>
          <nav class="kinds">
            <a href="/form/complaint">${t("kind-COMPLAINT")}</a><a href="/form/disclosure">${t("kind-DISCLOSURE")}</a><a href="/form/mediation">${t("kind-MEDIATION")}</a>
          </nav>
          <p><a href="/form/status">${t("form-status-link")}</a></p>`,
      ),
    ),
  );

  const renderForm = (c: Context<Env>, kind: FormKind, values: Record<string, string>, errors: FieldError[], status: 200 | 400 = 200) =>
    c.html(
      formPage(
        t,
        t(`kind-${kind.toUpperCase()}`),
        kindForm(t, kind, { csrf: csrfOf(c), submission: values._submission || randomBytes(16).toString("hex"), values, errors, privacy }),
      ),
      status,
    );

  app.get("/status", (c) => c.html(formPage(t, t("form-status-title"), statusForm(t, csrfOf(c), ""))));

  app.post("/status", async (c) => {
    const body = await readBody(c);
    if (!body || !csrfOk(c, body.other._csrf)) return c.html(formPage(t, t("form-status-title"), html`<p class="err">${t("form-expired")}</p>${statusForm(t, csrfOf(c), "")}`), 403);
    const number = body.other.number ?? "";
    const found = await core.channels.statusPage(number, body.other.secret ?? "");
    if (!found) return c.html(formPage(t, t("form-status-title"), html`<p class="err" id="status-wrong">${t("form-status-wrong")}</p>${statusForm(t, csrfOf(c), number)}`), 404);
    return c.html(formPage(t, `${t("form-status-title")} · ${found.case.number}`, statusView(core.i18n, t, found, { csrf: csrfOf(c), secret: body.other.secret ?? "" })));
  });

  /** The status page's own forms: a reply to the handler's question, and the rating of an answer. */
  const act = (path: string, run: (number: string, secret: string, other: Record<string, string>) => Promise<{ ok: boolean } | null>, done: string) =>
    app.post(path, async (c) => {
      const body = await readBody(c);
      if (!body || !csrfOk(c, body.other._csrf)) return c.html(formPage(t, t("form-status-title"), html`<p class="err">${t("form-expired")}</p>${statusForm(t, csrfOf(c), "")}`), 403);
      const number = body.other.number ?? "";
      const secret = body.other.secret ?? "";
      const r = await run(number, secret, body.other);
      if (!r) return c.html(formPage(t, t("form-status-title"), html`<p class="err" id="status-wrong">${t("form-status-wrong")}</p>${statusForm(t, csrfOf(c), number)}`), 404);
      const found = (await core.channels.statusPage(number, secret))!;
      const message = t(r.ok ? done : "form-action-refused");
      return c.html(formPage(t, `${t("form-status-title")} · ${found.case.number}`, statusView(core.i18n, t, found, { csrf: csrfOf(c), secret, message })), r.ok ? 200 : 409);
    });
  act("/status/reply", (n, s, o) => core.channels.reply(n, s, o.reply ?? ""), "form-reply-sent");
  act("/status/rate", (n, s, o) => core.channels.rate(n, s, o.satisfied === "yes"), "form-rated");

  app.get("/:kind", (c) => {
    const kind = c.req.param("kind");
    if (!isKind(kind)) return c.notFound();
    return renderForm(c, kind, {}, []);
  });

  app.post("/:kind", async (c) => {
    const kind = c.req.param("kind");
    if (!isKind(kind)) return c.notFound();
    const body = await readBody(c);
    if (!body || !csrfOk(c, body.other._csrf)) return c.html(formPage(t, t("form-title"), html`<p class="err">${t("form-expired")}</p><p><a href="/form/${kind}">${t("form-back")}</a></p>`), 403);
    const values = { ...body.other };
    for (const [k, v] of Object.entries(body.fields.attributes)) values[`attribute[${k}]`] = v;
    const submission = /^[0-9a-f]{32}$/.test(body.other._submission ?? "") ? body.other._submission! : null;
    if (!submission) return renderForm(c, kind, values, [], 400);
    // Nothing is filed without consent (PIPL art. 13 ¶1 (1)); the other fields are checked too, so one round shows every problem.
    if (body.other.consent !== "yes") {
      const problems = await core.channels.check(KINDS[kind], body.fields);
      return renderForm(c, kind, values, [...problems, { field: "consent", key: "field-consent-missing" }], 400);
    }
    const filed = await core.channels.file({ channel: "web", submissionKey: `web:${submission}`, serviceCode: KINDS[kind], fields: body.fields });
    if (!filed.ok) return renderForm(c, kind, values, "errors" in filed ? filed.errors : [], 400);
    const r = filed.case;
    if (!filed.created) return c.html(formPage(t, t("form-filed-title"), html`<p>${t("form-already", { number: r.number })}</p><p><a href="/form/status">${t("form-status-link")}</a></p>`));
    const due = t("form-filed", { number: r.number, due: dueForCitizen(core.i18n, "zh-CN", r) });
    return c.html(
      formPage(
        t,
        t("form-filed-title"),
        html`${filed.emergencyAdvice ? html`<div class="emergency" role="alert" id="emergency">${filed.emergencyAdvice}</div>` : ""}
          <p class="privacy" id="receipt">${due}</p>
          <p>${t("form-secret")}</p><p class="secret" id="secret">${filed.secret}</p>
          <p><strong>${t("form-secret-warning")}</strong></p>
          <p><a href="/form/status">${t("form-status-link")}</a></p>`,
      ),
      201,
    );
  });

  return app;
}

function statusForm(t: T, csrf: string, number: string) {
  return html`<form method="post" action="/form/status">
    <input type="hidden" name="_csrf" value="${csrf}" />
    <label for="number">${t("form-status-number")}</label><input type="text" id="number" name="number" value="${number}" placeholder="MS-2026-000123" autocomplete="off" required />
    <label for="secret">${t("form-status-secret")}</label><input type="text" id="secret" name="secret" autocomplete="off" required />
    <button type="submit" id="look-up">${t("form-status-submit")}</button></form>`;
}
