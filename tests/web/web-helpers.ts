import type { Core } from "../../src/core.js";

type App = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** The session cookie from a response's Set-Cookie, as a Cookie header value. */
export function sessionCookie(res: Response): string | null {
  const set = res.headers.get("set-cookie") ?? "";
  const m = /(?:^|,\s*)(ms_session=[^;]+)/.exec(set);
  return m ? m[1] : null;
}

/** Redeems a one-time link the way a browser does: GET shows the button, POST signs in. */
export async function redeem(app: App, token: string): Promise<Response> {
  return app.request("/web/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
}

/** Signs a staff member in through a fresh /web link; returns the Cookie header value. */
export async function signIn(core: Core, app: App, staffId: number): Promise<string> {
  const staff = await core.prisma.staffMember.findUniqueOrThrow({ where: { id: staffId } });
  const link = await core.webAuth.issueLink(staff);
  if (!link) throw new Error(`no web desk for ${staff.role}`);
  const res = await redeem(app, link.token);
  const cookie = sessionCookie(res);
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

/** The CSRF token a signed-in page carries in its forms. */
export async function csrfOf(app: App, cookie: string): Promise<string> {
  const body = await (await app.request("/web/figures", { headers: { cookie } })).text();
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!m) throw new Error("no CSRF token on the page");
  return m[1];
}
