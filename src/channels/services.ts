import type { CaseKind } from "../generated/prisma/enums.js";
import { DISPUTE_TYPES } from "../mediation/mediation.js";

/** One request type of the district, as Open311 GeoReport v2 lists it (`services.json`). */
export type ServiceDef = {
  code: string;
  kind: Extract<CaseKind, "COMPLAINT" | "DISCLOSURE" | "MEDIATION">;
  /** A complaint type of one department: the case is filed for that department (as a hotline operator would). */
  departmentCode: string | null;
  /** Locale key and variables of the name; the description key is `open311-service-desc-<kind>`. */
  nameKey: string;
  nameVars: Record<string, string>;
  group: string;
};

/** An Open311 attribute definition (services/{code}.json), beyond the standard fields. */
export type AttributeDef = {
  code: string;
  datatype: "string" | "number" | "text" | "singlevaluelist";
  required: boolean;
  /** Allowed values of a list: [value, locale key of its name]. */
  values?: [string, string][];
};

type Dept = { code: string; nameZh: string; nameEn: string; field: string | null };

/**
 * The district's request types: a complaint (投诉举报) to be classified and routed, a complaint of
 * each subject department (the caller chose the department), a disclosure request (政府信息公开申请)
 * and a mediation application (调解申请). Reconsideration is not offered here: its application asks
 * for the contested act and evidence the bot collects (行政复议法 art. 22).
 */
export function serviceCatalogue(departments: Dept[], locale: string): ServiceDef[] {
  const subject = departments.filter((d) => d.field !== null).sort((a, b) => a.code.localeCompare(b.code));
  return [
    { code: "complaint", kind: "COMPLAINT", departmentCode: null, nameKey: "open311-service-complaint", nameVars: {}, group: "complaint" },
    ...subject.map(
      (d): ServiceDef => ({
        code: `complaint-${d.code}`,
        kind: "COMPLAINT",
        departmentCode: d.code,
        nameKey: "open311-service-complaint-dept",
        nameVars: { department: locale === "en" ? d.nameEn : d.nameZh },
        group: "complaint",
      }),
    ),
    { code: "disclosure", kind: "DISCLOSURE", departmentCode: null, nameKey: "open311-service-disclosure", nameVars: {}, group: "disclosure" },
    { code: "mediation", kind: "MEDIATION", departmentCode: null, nameKey: "open311-service-mediation", nameVars: {}, group: "mediation" },
  ];
}

/**
 * What each kind asks besides Open311's standard fields (first_name/last_name, phone, description,
 * address_string), mirroring the bot's intake: a disclosure request what art. 29 of the Regulations
 * on Open Government Information requires, a mediation application the other party, the dispute and
 * the request.
 */
export const ATTRIBUTES: Record<ServiceDef["kind"], AttributeDef[]> = {
  COMPLAINT: [{ code: "anonymous", datatype: "singlevaluelist", required: false, values: [["false", "open311-named"], ["true", "open311-anonymous"]] }],
  DISCLOSURE: [
    { code: "organisation", datatype: "string", required: false },
    { code: "id_number", datatype: "string", required: true },
    { code: "postal_address", datatype: "string", required: true },
    { code: "form", datatype: "singlevaluelist", required: true, values: [["electronic", "disclosure-form-electronic"], ["paper", "disclosure-form-paper"]] },
    {
      code: "delivery",
      datatype: "singlevaluelist",
      required: true,
      values: [["email", "disclosure-delivery-email"], ["post", "disclosure-delivery-post"], ["pickup", "disclosure-delivery-pickup"]],
    },
  ],
  MEDIATION: [
    { code: "other_party_name", datatype: "string", required: true },
    { code: "other_party_contact", datatype: "string", required: true },
    { code: "dispute_type", datatype: "singlevaluelist", required: true, values: DISPUTE_TYPES.map((d) => [d, `dispute-${d}`]) },
    { code: "request", datatype: "text", required: true },
    { code: "people", datatype: "number", required: true },
  ],
};
