import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { HttpBindings } from "@hono/node-server";
import type { Core } from "../../src/core.js";
import { channelOf, type PublicCase } from "../../src/channels/channel-intake.js";
import { readBody } from "./request-body.js";
import { ATTRIBUTES, type ServiceDef } from "../../src/channels/services.js";
import { isoShanghai, publicNote } from "../../src/channels/public-status.js";
import { formatDay } from "../../src/i18n/i18n.js";
import { webBaseUrl } from "../../src/web/base-url.js";

type Env = { Bindings: HttpBindings };
type T = (key: string, vars?: Record<string, string | number>) => string;
const DAY_MS = 86_400_000;
/** GET requests.json: the spec's default window (90 days) and most rows per answer. */
const DEFAULT_SPAN_DAYS = 90;
const MAX_ROWS = 1000;
/** Largest POST body read: a request's fields fit many times over; more is refused unread. */
export const MAX_BODY_BYTES = 64 * 1024;

/** An error in the spec's format: an array of { code, description }, with the same HTTP status. */
const errors = (c: Context, status: 400 | 403 | 404 | 503, descriptions: string[]) =>
  c.json(descriptions.map((description) => ({ code: status, description })), status);

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON only, mounted at /open311/v2:
 * services.json, services/{code}.json, requests.json (GET, and POST with an `api_key` issued by
 * `npm run api:key`), requests/{id}.json. service_request_id is the case number. Requests are
 * filed through the channel intake into the same case service as the bot; what GET returns is the
 * public outcome, never a person's data. `?locale=en` gives English names; zh-CN otherwise.
 */
export function createOpen311App(core: Core): Hono<Env> {
  const app = new Hono<Env>();
  const tOf = (c: Context): T => {
    const locale = c.req.query("locale") === "en" ? "en" : "zh-CN";
    return (k, v) => core.i18n.t(locale, k, v);
  };
  const localeOf = (c: Context) => (c.req.query("locale") === "en" ? "en" : "zh-CN");
  app.onError((err, c) => {
    core.logger.error({ err, path: c.req.path }, "open311 request failed");
    return errors(c, 503, [tOf(c)("open311-error-unavailable")]);
  });

  /** `name.json` → name; another format is refused in the spec's error format. */
  const jsonName = (file: string): string | null => (file.endsWith(".json") ? file.slice(0, -5) : null);

  const serviceJson = (t: T, s: ServiceDef) => ({
    service_code: s.code,
    service_name: t(s.nameKey, s.nameVars),
    description: t(`open311-service-desc-${s.kind}`),
    metadata: true,
    type: "realtime",
    keywords: t(`kind-${s.kind}`),
    group: t(`kind-${s.kind}`),
  });

  app.get("/services.json", async (c) => {
    const t = tOf(c);
    return c.json((await core.channels.services(localeOf(c))).map((s) => serviceJson(t, s)));
  });

  app.get("/services/:file", async (c) => {
    const t = tOf(c);
    const code = jsonName(c.req.param("file"));
    if (code === null) return errors(c, 404, [t("open311-error-format")]);
    const s = await core.channels.service(code, localeOf(c));
    if (!s) return errors(c, 404, [t("open311-error-service-unknown", { code })]);
    return c.json({
      service_code: s.code,
      attributes: ATTRIBUTES[s.kind].map((a, i) => ({
        variable: true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: null,
        order: i + 1,
        description: t(`open311-attr-${a.code}`),
        ...(a.values ? { values: a.values.map(([key, name]) => ({ key, name: t(name) })) } : {}),
      })),
    });
  });

  const requestJson = (t: T, locale: string, r: PublicCase) => {
    const code = channelOf(r.details)?.serviceCode ?? r.kind.toLowerCase();
    return {
      service_request_id: r.number,
      status: r.status === "CLOSED" ? "closed" : "open",
      status_notes: publicNote(t, r, r.events[0]?.action ?? null),
      service_name: t(`kind-${r.kind}`),
      service_code: code,
      agency_responsible: r.department ? (locale === "en" ? r.department.nameEn : r.department.nameZh) : null,
      service_notice: null,
      requested_datetime: isoShanghai(r.createdAt),
      updated_datetime: isoShanghai(r.updatedAt),
      expected_datetime: isoShanghai(r.dueAt),
    };
  };

  app.get("/requests/:file", async (c) => {
    const t = tOf(c);
    const id = jsonName(c.req.param("file"));
    if (id === null) return errors(c, 404, [t("open311-error-format")]);
    const r = await core.channels.publicCase(id);
    if (!r) return errors(c, 404, [t("open311-error-request-unknown", { id })]);
    return c.json([requestJson(t, localeOf(c), r)]);
  });

  app.get("/requests.json", async (c) => {
    const t = tOf(c);
    const q = c.req.query();
    const bad: string[] = [];
    const dateOf = (field: string): Date | undefined => {
      if (!q[field]) return undefined;
      const d = new Date(q[field]);
      if (Number.isNaN(d.getTime())) bad.push(t("open311-error-date", { field }));
      return d;
    };
    const end = dateOf("end_date") ?? core.now();
    const start = dateOf("start_date") ?? new Date(end.getTime() - DEFAULT_SPAN_DAYS * DAY_MS);
    const status = q.status === "open" ? true : q.status === "closed" ? false : undefined;
    let kind: PublicCase["kind"] | undefined;
    let departmentCode: string | undefined;
    if (q.service_code) {
      const s = await core.channels.service(q.service_code);
      if (!s) return errors(c, 404, [t("open311-error-service-unknown", { code: q.service_code })]);
      kind = s.kind;
      departmentCode = s.departmentCode ?? undefined;
    }
    if (bad.length) return errors(c, 400, bad);
    const numbers = q.service_request_id ? q.service_request_id.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
    const rows = await core.channels.publicCases({ numbers, kind, departmentCode, open: status, from: start, to: end, limit: MAX_ROWS });
    return c.json(rows.map((r) => requestJson(t, localeOf(c), r)));
  });

  app.post("/requests.json", bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json([{ code: 413, description: tOf(c)("open311-error-too-large", { max: MAX_BODY_BYTES }) }], 413) }), async (c) => {
    const t = tOf(c);
    const body = await readBody(c);
    if (!body) return errors(c, 400, [t("open311-error-body")]);
    const key = body.api_key ?? c.req.query("api_key");
    const client = await core.apiKeys.clientOf(key);
    if (!client) return errors(c, 403, [t("open311-error-key")]);
    if (!body.service_code) return errors(c, 400, [t("open311-error-service-missing")]);
    // The spec has no idempotency; a client may send Idempotency-Key so a retried POST files one case.
    const idem = c.req.header("idempotency-key");
    // The request's token (GeoReport v2 `tokens`): the client's Idempotency-Key, or a random one.
    const token = idem && /^[\w-]{1,100}$/.test(idem) ? idem : randomUUID();
    const submissionKey = `open311:${client.id}:${token}`;
    const filed = await core.channels.file({ channel: "open311", client: client.name, submissionKey, serviceCode: body.service_code, fields: body.fields });
    if (!filed.ok && "unknownService" in filed) return errors(c, 404, [t("open311-error-service-unknown", { code: filed.unknownService })]);
    if (!filed.ok) return errors(c, 400, filed.errors.map((e) => `${e.field}: ${t(e.key, e.vars)}`));
    const base = webBaseUrl(core.config);
    const r = filed.case;
    const notice = [t("open311-notice-filed", { number: r.number, due: formatDay(r.dueAt, localeOf(c)), url: `${base}/form/status` }), filed.emergencyAdvice]
      .filter(Boolean)
      .join("\n");
    return c.json(
      [
        {
          service_request_id: r.number,
          token,
          service_notice: notice,
          account_id: null,
          // Beyond the spec: the secret (shown once) that opens the status page with the number.
          status_secret: filed.secret,
          status_url: `${base}/form/status`,
        },
      ],
      filed.created ? 201 : 200,
    );
  });

  /**
   * GeoReport v2 `GET tokens/{token}`: the request id for the token a POST returned. Requests get
   * their id at once here, so every token already has one; an unknown token is a 404.
   */
  app.get("/tokens/:file", async (c) => {
    const t = tOf(c);
    const token = jsonName(c.req.param("file"));
    if (token === null) return errors(c, 400, [t("open311-error-format")]);
    const r = /^[\w-]{1,100}$/.test(token)
      ? await core.prisma.case.findFirst({ where: { submissionKey: { startsWith: "open311:", endsWith: `:${token}` } }, select: { number: true } })
      : null;
    if (!r) return errors(c, 404, [t("open311-error-token-unknown", { token })]);
    return c.json([{ service_request_id: r.number, token }]);
  });

  // A sub-app's notFound is not consulted once mounted: the last route answers in the spec's format.
  app.all("*", (c) => errors(c, 404, [tOf(c)("open311-error-not-found", { path: c.req.path })]));
  return app;
}
