import { html, raw } from "hono/html";

export type Html = ReturnType<typeof html>;
export type T = (key: string, vars?: Record<string, string | number>) => string;

// One column, large touch targets, no script: readable on a phone and on a desk.
const STYLE = `
*{box-sizing:border-box}body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa;font-size:17px;line-height:1.5}
header{background:#b71c1c;color:#fff;padding:.7rem 1rem}header a{color:#fff;text-decoration:none;font-weight:bold}
main{padding:1rem;max-width:640px;margin:0 auto}h1{font-size:1.35rem;margin:.4rem 0 1rem}
label{display:block;margin:.9rem 0 .25rem;font-weight:bold}.hint{font-weight:normal;color:#52606d;font-size:.9rem}
input[type=text],input[type=tel],input[type=number],select,textarea{width:100%;font-size:1rem;padding:.6rem;border:1px solid #9aa5b1;border-radius:4px;background:#fff}
textarea{min-height:8rem}fieldset{border:1px solid #d9e2ec;border-radius:4px;margin:.9rem 0;padding:.5rem .8rem;background:#fff}
fieldset label{display:flex;gap:.5rem;align-items:center;font-weight:normal;margin:.4rem 0}
button{width:100%;font-size:1.1rem;padding:.8rem;margin:1.2rem 0;background:#b71c1c;color:#fff;border:0;border-radius:4px}
.err{color:#b71c1c;font-size:.9rem;margin:.2rem 0}.errors{border:2px solid #b71c1c;background:#fff;padding:.6rem;border-radius:4px}
.privacy{background:#fff;border:1px solid #d9e2ec;padding:.6rem .8rem;white-space:pre-line;font-size:.92rem;border-radius:4px}
.secret{font-family:monospace;font-size:1.3rem;background:#fff8e1;border:2px dashed #b71c1c;padding:.6rem;word-break:break-all}
.emergency{background:#b71c1c;color:#fff;padding:.8rem;border-radius:4px;white-space:pre-line;font-weight:bold}
.kinds a{display:block;background:#fff;border:1px solid #d9e2ec;border-radius:4px;padding:1rem;margin:.6rem 0;color:#1f2933;text-decoration:none;font-size:1.1rem}
dl{background:#fff;padding:.6rem .8rem;border-radius:4px}dt{font-weight:bold;margin-top:.5rem}dd{margin:0;white-space:pre-line}
.notice{background:#fff;border-left:3px solid #b71c1c;padding:.4rem .7rem;margin:.5rem 0;white-space:pre-line}.muted{color:#7b8794;font-size:.85rem}
`;

/** A citizen's page (zh-CN first): the district's name in the bar, one column, no script. */
export function formPage(t: T, title: string, body: Html | string): Html {
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title} · ${t("form-title")}</title><style>${raw(STYLE)}</style></head>
<body><header><a href="/form">${t("form-title")}</a></header><main><h1>${title}</h1>${body}</main></body></html>`;
}
