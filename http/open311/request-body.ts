import type { Context } from "hono";
import type { RequestFields } from "../../src/channels/request-fields.js";

export type RequestBody = { api_key?: string; service_code?: string; fields: RequestFields; other: Record<string, string> };

/** The POST body, form-encoded (the spec's) or JSON: the key, the service, the standard fields and `attribute[code]` values. */
export async function readBody(c: Context): Promise<RequestBody | null> {
  const type = c.req.header("content-type") ?? "";
  let raw: Record<string, unknown>;
  try {
    raw = type.includes("application/json") ? ((await c.req.json()) as Record<string, unknown>) : ((await c.req.parseBody()) as Record<string, unknown>);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined);
  const attributes: Record<string, string> = {};
  const nested = raw.attribute;
  if (nested && typeof nested === "object" && !Array.isArray(nested)) {
    for (const [k, v] of Object.entries(nested)) if (str(v) !== undefined) attributes[k] = str(v)!;
  }
  for (const [k, v] of Object.entries(raw)) {
    const m = /^attribute\[([\w-]+)\]$/.exec(k);
    if (m && str(v) !== undefined) attributes[m[1]] = str(v)!;
  }
  const other: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (str(v) !== undefined) other[k] = str(v)!;
  return {
    other,
    api_key: str(raw.api_key),
    service_code: str(raw.service_code),
    fields: {
      first_name: str(raw.first_name),
      last_name: str(raw.last_name),
      phone: str(raw.phone),
      description: str(raw.description),
      address_string: str(raw.address_string),
      lat: str(raw.lat),
      long: str(raw.long),
      attributes,
    },
  };
}
