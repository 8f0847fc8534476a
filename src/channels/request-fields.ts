import type { SubmitInput } from "../cases/case-service.js";
import { LINE_MAX, LOCATION_MAX, LONG_TEXT_MAX, normalizePhone, PHONE_PATTERN, REQUEST_MAX, TEXT_MAX, TEXT_MIN } from "../cases/intake-limits.js";
import { checkIdNumber } from "../disclosure/id-number.js";
import type { DisclosureDetails } from "../notifications/cards.js";
import { isPeopleCount, mediationDetails, type DisputeType } from "../mediation/mediation.js";
import { visibleLength } from "../text/sanitize.js";
import { ATTRIBUTES, type ServiceDef } from "./services.js";

/** A request as a channel gives it: Open311's standard fields and its `attribute[code]` values. */
export type RequestFields = {
  first_name?: string;
  last_name?: string;
  phone?: string;
  description?: string;
  address_string?: string;
  lat?: string;
  long?: string;
  attributes: Record<string, string>;
};

/** What is wrong with one field: its Open311 name and a locale key (with variables) saying why. */
export type FieldError = { field: string; key: string; vars?: Record<string, string | number> };

export type Checked = { ok: true; input: Omit<SubmitInput, "submissionKey" | "citizenId"> } | { ok: false; errors: FieldError[] };

/**
 * Checks a request against what the bot's intake for its kind accepts (the same bounds, the same
 * identity-number and phone checks) and turns it into the case service's input.
 */
export function checkRequest(service: ServiceDef, f: RequestFields, opts: { mediationManyPeople: number }): Checked {
  const errors: FieldError[] = [];
  const clean = (v: string | undefined) => (v ?? "").trim();
  const text = (field: string, value: string | undefined, min: number, max: number, required = true): string => {
    const v = clean(value);
    if (v === "" || visibleLength(v) === 0) {
      if (required) errors.push({ field, key: "field-required" });
      return "";
    }
    const seen = visibleLength(v);
    if (seen < min) errors.push({ field, key: "field-too-short", vars: { min, count: seen } });
    else if (v.length > max) errors.push({ field, key: "field-too-long", vars: { max, count: v.length } });
    return v;
  };
  const phoneOf = (required: boolean): string | null => {
    const v = normalizePhone(clean(f.phone));
    if (v === "") {
      if (required) errors.push({ field: "phone", key: "field-required" });
      return null;
    }
    if (!PHONE_PATTERN.test(v)) errors.push({ field: "phone", key: "field-phone-invalid" });
    return v;
  };
  const choice = (code: string): string => {
    const def = ATTRIBUTES[service.kind].find((a) => a.code === code)!;
    const v = clean(f.attributes[code]);
    if (v === "") {
      if (def.required) errors.push({ field: `attribute[${code}]`, key: "field-required" });
      return "";
    }
    if (def.values && !def.values.some(([value]) => value === v)) errors.push({ field: `attribute[${code}]`, key: "field-choice-invalid" });
    return v;
  };
  // Chinese names are family name first: 张 + 三.
  const name = `${clean(f.last_name)}${clean(f.first_name)}`;

  if (service.kind === "COMPLAINT") {
    const description = text("description", f.description, TEXT_MIN, TEXT_MAX);
    const coordinates = clean(f.lat) && clean(f.long) ? `${clean(f.lat)},${clean(f.long)}` : "";
    const location = clean(f.address_string) ? text("address_string", f.address_string, 2, LOCATION_MAX) : coordinates;
    if (!location && !errors.some((e) => e.field === "address_string")) errors.push({ field: "address_string", key: "field-required" });
    const anonymous = choice("anonymous") === "true" || (name === "" && clean(f.phone) === "");
    if (!anonymous) {
      if (name === "") errors.push({ field: "first_name", key: "field-required" });
      else if (name.length > 50) errors.push({ field: "first_name", key: "field-too-long", vars: { max: 50, count: name.length } });
    }
    const phone = anonymous ? null : phoneOf(true);
    if (errors.length) return { ok: false, errors };
    return { ok: true, input: { kind: "COMPLAINT", text: description, location, anonymous, contactName: anonymous ? null : name, contactPhone: phone } };
  }

  if (service.kind === "DISCLOSURE") {
    if (name === "") errors.push({ field: "first_name", key: "field-required" });
    else if (name.length > LINE_MAX) errors.push({ field: "first_name", key: "field-too-long", vars: { max: LINE_MAX, count: name.length } });
    const organisation = text("attribute[organisation]", f.attributes.organisation, 1, LINE_MAX, false);
    const idRaw = clean(f.attributes.id_number);
    const id = idRaw === "" ? null : checkIdNumber(idRaw);
    if (!id) errors.push({ field: "attribute[id_number]", key: "field-required" });
    else if (!id.ok) errors.push({ field: "attribute[id_number]", key: "field-id-invalid", vars: { reason: id.reason } });
    const phone = phoneOf(true);
    const address = text("attribute[postal_address]", f.attributes.postal_address, 4, LINE_MAX);
    const wanted = text("description", f.description, 6, LONG_TEXT_MAX);
    const form = choice("form") as DisclosureDetails["form"];
    const delivery = choice("delivery") as DisclosureDetails["delivery"];
    if (errors.length || !id?.ok || !phone) return { ok: false, errors };
    const details: DisclosureDetails = { name, ...(organisation ? { organisation } : {}), idNumber: id.normalized, phone, address, form, delivery };
    return {
      ok: true,
      input: { kind: "DISCLOSURE", text: wanted, anonymous: false, contactName: organisation ? `${organisation}（${name}）` : name, contactPhone: phone, details },
    };
  }

  if (name === "") errors.push({ field: "first_name", key: "field-required" });
  else if (name.length > LINE_MAX) errors.push({ field: "first_name", key: "field-too-long", vars: { max: LINE_MAX, count: name.length } });
  const phone = phoneOf(true);
  const otherName = text("attribute[other_party_name]", f.attributes.other_party_name, 1, LINE_MAX);
  const otherContact = text("attribute[other_party_contact]", f.attributes.other_party_contact, 1, LINE_MAX);
  const disputeType = choice("dispute_type") as DisputeType;
  const facts = text("description", f.description, 10, LONG_TEXT_MAX);
  const request = text("attribute[request]", f.attributes.request, 2, REQUEST_MAX);
  const peopleRaw = clean(f.attributes.people);
  const people = Number(peopleRaw);
  if (peopleRaw === "") errors.push({ field: "attribute[people]", key: "field-required" });
  else if (!isPeopleCount(peopleRaw)) errors.push({ field: "attribute[people]", key: "field-people-invalid" });
  if (errors.length || !phone) return { ok: false, errors };
  const details = mediationDetails({ name, phone, otherName, otherContact, disputeType, request, people }, opts.mediationManyPeople);
  return { ok: true, input: { kind: "MEDIATION", text: facts, anonymous: false, contactName: name, contactPhone: phone, details } };
}
