import { html, raw } from "hono/html";
import type { I18n } from "@grammyjs/i18n";
import type { WebViewer } from "../../src/web/auth-service.js";

export type Html = ReturnType<typeof html>;
export type T = (key: string, vars?: Record<string, string | number>) => string;

/** A translator bound to a locale (strings live only in the locale files, zh-CN first). */
export function translator(i18n: I18n, locale: string): T {
  return (key, vars) => i18n.t(locale, key, vars);
}

const STYLE = `
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
header{background:#b71c1c;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
header a{color:#fff;text-decoration:none}header .who{margin-left:auto;font-size:.9rem}
header form{display:inline}header button{background:none;border:1px solid #fff;color:#fff;cursor:pointer;border-radius:3px}
main{padding:1rem 1.2rem;max-width:1200px}table{border-collapse:collapse;background:#fff;font-size:.9rem}
th,td{border:1px solid #d9e2ec;padding:.3rem .5rem;text-align:right}th{background:#eef2f7}td.l,th.l{text-align:left}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin-bottom:1rem}form.filters label{display:flex;flex-direction:column;font-size:.85rem}
.chart{width:100%;height:360px;background:#fff;margin:1rem 0}.note{color:#52606d;font-size:.85rem}
.event{border-left:3px solid #b71c1c;padding:.2rem .6rem;margin:.4rem 0;background:#fff}.muted{color:#7b8794}
`;

/** The page shell: navigation for a signed-in viewer (with a sign-out form carrying the CSRF token). */
export function page(t: T, title: string, body: Html | string, viewer?: WebViewer, brand = t("web-title")): Html {
  const nav = viewer
    ? html`<a href="/web/figures">${t("web-nav-figures")}</a><a href="/web/cases">${t("web-nav-cases")}</a>
        ${viewer.scope.all ? html`<a href="/web/report">${t("web-nav-report")}</a>` : ""}
        ${viewer.role === "ADMIN" ? html`<a href="/web/queues">${t("web-nav-queues")}</a>` : ""}
        <span class="who">${viewer.name} · ${t(`role-${viewer.role}`)}</span>
        <form method="post" action="/web/logout"><input type="hidden" name="_csrf" value="${viewer.csrfToken}" /><button type="submit">${t("web-sign-out")}</button></form>`
    : "";
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title} · ${brand}</title><style>${raw(STYLE)}</style></head>
<body><header><strong>${brand}</strong>${nav}</header><main><h1>${title}</h1>${body}</main></body></html>`;
}

/** A page that only says something (sign-in needed, forbidden, link used...). */
export function notice(t: T, title: string, message: string, viewer?: WebViewer): Html {
  return page(t, title, html`<p>${message}</p>`, viewer);
}

/** Percent with one decimal, or a dash when there is nothing to divide by. */
export function percent(x: number | null): string {
  return x === null ? "—" : `${(x * 100).toFixed(1)}%`;
}
