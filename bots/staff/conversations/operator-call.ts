import type { Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import { createPrompts } from "../../citizen/conversations/prompts.js";
import { updateKey } from "../../shared/update-key.js";
import { formatDay } from "../../../src/i18n/i18n.js";
import { LINE_MAX, LOCATION_MAX, LONG_TEXT_MAX, normalizePhone, PHONE_PATTERN, REQUEST_MAX, TEXT_MAX } from "../../../src/cases/intake-limits.js";
import type { RequestFields } from "../../../src/channels/request-fields.js";
import { DISPUTE_TYPES } from "../../../src/mediation/mediation.js";
import type { CallBackResult } from "../../../src/channels/operator-service.js";
import { refusalText } from "../../shared/refusal.js";

/** What the operator is told after recording something for a caller. */
export function callBackAnswer(core: Core, locale: string, r: CallBackResult, done: string, number: string): string {
  if (r.ok) return core.i18n.t(locale, done, { number });
  return "refusal" in r ? refusalText(core.i18n, locale, r.refusal, number) : core.i18n.t(locale, `operator-${r.reason.replace("_", "-")}`);
}

export const OPERATOR_CALL = "operatorCall";
export type OperatorCallArgs = { staffId: number; locale: string };

type Kind = "complaint" | "disclosure" | "mediation";
/**
 * One question of the form: an Open311 field (or `attribute[code]`) of the request the operator
 * files, asked as text or as buttons. The same fields and checks as the web form and the API
 * (src/channels/request-fields.ts), so a call is filed exactly as any other channel's request.
 */
type Step = { field: string; prompt: string; max?: number; choices?: [label: string, value: string][] };

const COMMON: Step[] = [
  { field: "last_name", prompt: "operator-ask-name", max: LINE_MAX },
  { field: "phone", prompt: "operator-ask-phone", max: 20 },
];
const STEPS: Record<Kind, Step[]> = {
  complaint: [
    { field: "description", prompt: "operator-ask-complaint", max: TEXT_MAX },
    { field: "address_string", prompt: "operator-ask-place", max: LOCATION_MAX },
    { field: "attribute[anonymous]", prompt: "operator-ask-anonymous", choices: [["btn-named", "false"], ["btn-anonymous", "true"]] },
  ],
  disclosure: [
    { field: "attribute[id_number]", prompt: "operator-ask-id-number", max: 30 },
    { field: "attribute[postal_address]", prompt: "operator-ask-postal-address", max: LINE_MAX },
    { field: "description", prompt: "operator-ask-wanted", max: LONG_TEXT_MAX },
    { field: "attribute[form]", prompt: "operator-ask-form", choices: [["disclosure-form-electronic", "electronic"], ["disclosure-form-paper", "paper"]] },
    {
      field: "attribute[delivery]",
      prompt: "operator-ask-delivery",
      choices: [["disclosure-delivery-email", "email"], ["disclosure-delivery-post", "post"], ["disclosure-delivery-pickup", "pickup"]],
    },
  ],
  mediation: [
    { field: "attribute[other_party_name]", prompt: "operator-ask-other-party", max: LINE_MAX },
    { field: "attribute[other_party_contact]", prompt: "operator-ask-other-contact", max: LINE_MAX },
    { field: "attribute[dispute_type]", prompt: "operator-ask-dispute-type", choices: DISPUTE_TYPES.map((d) => [`dispute-${d}`, d]) },
    { field: "description", prompt: "operator-ask-facts", max: LONG_TEXT_MAX },
    { field: "attribute[request]", prompt: "operator-ask-request", max: REQUEST_MAX },
    { field: "attribute[people]", prompt: "operator-ask-people", max: 6 },
  ],
};

function toFields(values: Map<string, string>): RequestFields {
  const attributes: Record<string, string> = {};
  const fields: RequestFields = { attributes };
  for (const [field, value] of values) {
    const attr = /^attribute\[(\w+)\]$/.exec(field);
    if (attr) attributes[attr[1]] = value;
    else (fields as Record<string, unknown>)[field] = value;
  }
  return fields;
}

/**
 * `/call` (role OPERATOR): a hotline operator files a complaint, disclosure request or mediation
 * application for a caller who has no Telegram account, as the caller tells it. The request is
 * checked as the web form's and the API's are; what fails is asked again; the case is filed through
 * the channel intake (channel "phone"), its audit trail naming the operator, and every later notice
 * for the caller comes back to the operator as a call-back task (src/channels/call-backs.ts).
 */
export function createOperatorCallConversation(core: Core) {
  return async function operatorCall(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: OperatorCallArgs) {
    const t = (key: string, vars?: Record<string, string | number>) => core.i18n.t(args.locale, key, vars);
    const ask = createPrompts(conversation, ctx, t, "oc:");
    const kind = (await ask.choose(t("operator-ask-kind"), [
      ["kind-COMPLAINT", "complaint"],
      ["kind-DISCLOSURE", "disclosure"],
      ["kind-MEDIATION", "mediation"],
    ])) as Kind;
    const steps = [...COMMON, ...STEPS[kind]];
    const values = new Map<string, string>();
    const askStep = async (s: Step, problem?: string) => {
      const prompt = problem ? `${problem}\n${t(s.prompt)}` : t(s.prompt);
      const v = s.choices ? await ask.choose(prompt, s.choices, 2) : await ask.text(prompt, () => null, s.max);
      values.set(s.field, s.field === "phone" ? normalizePhone(v) : v);
    };
    for (const s of steps) {
      // A phone number is checked at once: it is how the caller will be called back.
      await askStep(s);
      while (s.field === "phone" && !PHONE_PATTERN.test(values.get("phone") ?? "")) await askStep(s, t("field-phone-invalid"));
    }
    // The channel's own checks (lengths, the identity number, the number of people…): what fails is asked again.
    for (;;) {
      const errors = await conversation.external(() => core.channels.check(kind, toFields(values)));
      if (errors.length === 0) break;
      for (const e of errors) {
        const s = steps.find((x) => x.field === e.field || (e.field === "first_name" && x.field === "last_name"));
        if (s) await askStep(s, t(e.key, e.vars));
      }
    }
    const summary = steps
      .map((s) => {
        const v = values.get(s.field) ?? "";
        const shown = s.choices ? t(s.choices.find(([, value]) => value === v)?.[0] ?? "-") : v;
        return `${t(`${s.prompt}-label`)}：${shown}`;
      })
      .join("\n");
    const decision = await ask.confirm(`${t("operator-review", { kind: t(`kind-${kind.toUpperCase()}`) })}\n${summary}`);
    if (!decision) return;
    const submissionKey = updateKey(decision.me.id, decision.update);
    const filed = await conversation.external(async () => {
      const r = await core.channels.file({
        channel: "phone",
        operator: { id: args.staffId, caller: { name: values.get("last_name") ?? "", phone: values.get("phone") ?? "" } },
        submissionKey,
        serviceCode: kind,
        fields: toFields(values),
      });
      if (!r.ok) return { ok: false as const };
      return { ok: true as const, number: r.case.number, due: formatDay(r.case.dueAt, args.locale), created: r.created, emergencyAdvice: r.emergencyAdvice };
    });
    if (!filed.ok) {
      await decision.reply(t("operator-not-filed"));
      return;
    }
    // A danger now: the operator tells the caller the emergency numbers before anything else.
    if (filed.emergencyAdvice) await decision.reply(filed.emergencyAdvice);
    await decision.reply(filed.created ? t("operator-filed", { number: filed.number, due: filed.due }) : t("intake-already-submitted", { number: filed.number }));
  };
}

/** The caller's answer to a handler's question, recorded by the operator who called them back. */
export const OPERATOR_REPLY = "operatorReply";
export type OperatorReplyArgs = { staffId: number; locale: string; caseId: number; number: string; outboxId: number };

export function createOperatorReplyConversation(core: Core) {
  return async function operatorReply(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: OperatorReplyArgs) {
    const t = (key: string, vars?: Record<string, string | number>) => core.i18n.t(args.locale, key, vars);
    const ask = createPrompts(conversation, ctx, t, "or:");
    const text = await ask.text(t("operator-reply-prompt", { number: args.number }), () => null, LONG_TEXT_MAX);
    const result = await conversation.external(() => core.callBacks.recordReply(args.staffId, args.caseId, args.outboxId, text));
    await ctx.reply(callBackAnswer(core, args.locale, result, "operator-reply-recorded", args.number));
  };
}
