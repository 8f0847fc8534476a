import type { Context, Hono, MiddlewareHandler } from "hono";
import { html } from "hono/html";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Core } from "../../src/core.js";
import { sameSecret, type WebViewer } from "../../src/web/auth-service.js";
import { webBaseUrl } from "../../src/web/base-url.js";
import { notice, page, translator } from "./layout.js";
import type { WebEnv } from "./web-env.js";

export const SESSION_COOKIE = "ms_session";
const LOGIN_TOKEN = /^[\w-]{20,100}$/;

/** Secure cookies whenever the desk is reached over https (directly or behind a TLS-terminating proxy). */
function isHttps(c: Context, base: string): boolean {
  return base.startsWith("https:") || new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}

/**
 * Sign-in and sign-out. GET /web/login only shows a button: link previews and scanners that fetch
 * the URL do not use up the one-time link; the POST that redeems it carries the token in its body.
 */
export function mountAuthRoutes(app: Hono<WebEnv>, core: Core): void {
  const zh = translator(core.i18n, "zh-CN");
  const base = webBaseUrl(core.config);

  app.get("/login", (c) => {
    const token = c.req.query("token") ?? "";
    if (!LOGIN_TOKEN.test(token)) return c.html(notice(zh, zh("web-login-title"), zh("web-login-unknown")), 400);
    return c.html(
      page(
        zh,
        zh("web-login-title"),
        html`<form method="post" action="/web/login"><input type="hidden" name="token" value="${token}" />
          <p>${zh("web-login-confirm")}</p><button type="submit" id="sign-in">${zh("web-login-button")}</button></form>`,
      ),
    );
  });

  app.post("/login", async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token : "";
    const r = LOGIN_TOKEN.test(token) ? await core.webAuth.redeem(token) : ({ ok: false, reason: "unknown" } as const);
    if (!r.ok) {
      const status = r.reason === "no_access" ? 403 : r.reason === "unknown" ? 400 : 410;
      return c.html(notice(zh, zh("web-login-title"), zh(`web-login-${r.reason}`)), status);
    }
    setCookie(c, SESSION_COOKIE, r.sessionId, {
      httpOnly: true,
      secure: isHttps(c, base),
      sameSite: "Lax",
      path: "/",
      expires: r.expiresAt,
    });
    return c.redirect("/web/figures", 303);
  });

}

/** Sign-out: registered behind the session check, so it needs the session's CSRF token like any form. */
export function mountLogout(app: Hono<WebEnv>, core: Core): void {
  const zh = translator(core.i18n, "zh-CN");
  app.post("/logout", async (c) => {
    const viewer = c.get("viewer");
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (viewer && sessionId) await core.webAuth.revoke(sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.html(notice(zh, zh("web-signed-out-title"), zh("web-signed-out")));
  });
}

/**
 * Reads the session on every request under /web (except sign-in and the static assets): no valid
 * session is 401; a state-changing request without the session's CSRF token is 403.
 */
export function requireViewer(core: Core): MiddlewareHandler<WebEnv> {
  const zh = translator(core.i18n, "zh-CN");
  return async (c, next) => {
    const viewer = await core.webAuth.viewer(getCookie(c, SESSION_COOKIE));
    if (!viewer) return c.html(notice(zh, zh("web-sign-in-needed-title"), zh("web-sign-in-needed")), 401);
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const form = (c.req.header("content-type") ?? "").includes("form") ? await c.req.parseBody() : {};
      const given = typeof form._csrf === "string" ? form._csrf : c.req.header("x-csrf-token");
      if (!sameSecret(given, viewer.csrfToken)) return c.html(notice(zh, zh("web-forbidden-title"), zh("web-csrf-failed")), 403);
    }
    c.set("viewer", viewer);
    return next();
  };
}

/** 403 with a page saying so, in the viewer's language. */
export function forbidden(c: Context<WebEnv>, core: Core, viewer: WebViewer) {
  const t = translator(core.i18n, viewer.locale);
  return c.html(notice(t, t("web-forbidden-title"), t("web-forbidden"), viewer), 403);
}
