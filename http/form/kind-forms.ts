import { html } from "hono/html";
import type { FieldError } from "../../src/channels/request-fields.js";
import { ATTRIBUTES } from "../../src/channels/services.js";
import { TEXT_MIN } from "../../src/cases/intake-limits.js";
import type { Html, T } from "./form-layout.js";

export type FormKind = "complaint" | "disclosure" | "mediation";

type State = { csrf: string; submission: string; values: Record<string, string>; errors: FieldError[]; privacy: string };

/**
 * One kind's form, with the fields its bot intake asks (named as Open311's standard fields and
 * `attribute[code]`, so the form posts what the API takes), each with its error under it.
 */
export function kindForm(t: T, kind: FormKind, s: State): Html {
  const v = (name: string) => s.values[name] ?? "";
  const err = (name: string) =>
    s.errors.filter((e) => e.field === name).map((e) => html`<p class="err" data-field="${name}">${t(e.key, e.vars ?? {})}</p>`);
  const need = (required: boolean) => html`<span class="hint">（${t(required ? "form-required" : "form-optional")}）</span>`;
  const line = (name: string, label: string, required = true, type = "text", extra = "") =>
    html`<label for="${name}">${label}${need(required)}</label>
      <input type="${type}" id="${name}" name="${name}" value="${v(name)}" ${extra} />${err(name)}`;
  const area = (name: string, label: string) =>
    html`<label for="${name}">${label}${need(true)}</label><textarea id="${name}" name="${name}">${v(name)}</textarea>${err(name)}`;
  const radios = (code: string, label: string, kindOf: "COMPLAINT" | "DISCLOSURE" | "MEDIATION", fallback?: string) => {
    const def = ATTRIBUTES[kindOf].find((a) => a.code === code)!;
    const name = `attribute[${code}]`;
    const chosen = v(name) || fallback || "";
    return html`<fieldset><legend>${label}${need(def.required)}</legend>
      ${def.values!.map(
        ([value, key]) => html`<label><input type="radio" name="${name}" value="${value}" ${chosen === value ? "checked" : ""} /> ${t(key)}</label>`,
      )}</fieldset>${err(name)}`;
  };
  const select = (code: string, label: string) => {
    const def = ATTRIBUTES.MEDIATION.find((a) => a.code === code)!;
    const name = `attribute[${code}]`;
    return html`<label for="${code}">${label}${need(true)}</label><select id="${code}" name="${name}"><option value=""></option>
      ${def.values!.map(([value, key]) => html`<option value="${value}" ${v(name) === value ? "selected" : ""}>${t(key)}</option>`)}</select>${err(name)}`;
  };
  const phone = (required: boolean) => line("phone", t("form-phone"), required, "tel", 'inputmode="numeric" autocomplete="tel"');

  const fields =
    kind === "complaint"
      ? html`${area("description", t("form-complaint-what", { min: TEXT_MIN }))}
          ${line("address_string", t("form-complaint-where"))}
          ${radios("anonymous", t("form-complaint-identity"), "COMPLAINT", "false")}
          <p class="hint">${t("form-complaint-identity-hint")}</p>
          ${line("first_name", t("form-name"), false, "text", 'autocomplete="name"')} ${phone(false)}`
      : kind === "disclosure"
        ? html`${line("first_name", t("form-name"), true, "text", 'autocomplete="name"')}
            ${line("attribute[organisation]", t("open311-attr-organisation"), false)}
            ${line("attribute[id_number]", t("open311-attr-id_number"), true, "text", 'autocomplete="off"')} ${phone(true)}
            ${line("attribute[postal_address]", t("open311-attr-postal_address"))}
            ${area("description", t("form-disclosure-wanted"))}
            ${radios("form", t("open311-attr-form"), "DISCLOSURE")} ${radios("delivery", t("open311-attr-delivery"), "DISCLOSURE")}`
        : html`${line("first_name", t("form-name"), true, "text", 'autocomplete="name"')} ${phone(true)}
            ${line("attribute[other_party_name]", t("open311-attr-other_party_name"))}
            ${line("attribute[other_party_contact]", t("open311-attr-other_party_contact"))}
            ${select("dispute_type", t("open311-attr-dispute_type"))}
            ${area("description", t("form-mediation-facts"))}
            ${area("attribute[request]", t("open311-attr-request"))}
            ${line("attribute[people]", t("open311-attr-people"), true, "number", 'min="1" max="100000" inputmode="numeric"')}`;

  return html`${s.errors.length ? html`<p class="errors" role="alert" id="form-errors">${t("form-errors")}</p>` : ""}
    <form method="post" action="/form/${kind}" id="case-form">
      <input type="hidden" name="_csrf" value="${s.csrf}" /><input type="hidden" name="_submission" value="${s.submission}" />
      ${fields}
      <h2>${t("form-privacy-title")}</h2><div class="privacy" id="privacy">${s.privacy}</div>
      <fieldset><label><input type="checkbox" id="consent" name="consent" value="yes" ${v("consent") === "yes" ? "checked" : ""} /> ${t("form-consent")}</label></fieldset>${err("consent")}
      <button type="submit" id="submit">${t("form-submit")}</button>
    </form>`;
}
