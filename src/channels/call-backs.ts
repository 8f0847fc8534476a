import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Prisma } from "../db/prisma.js";
import type { Payload } from "../queues/definitions.js";
import type { Outgoing } from "../notifications/notifier.js";
import { cb } from "../telegram/callback-data.js";
import { channelOf } from "./channel-intake.js";

/**
 * Hotline callers (12345-style) have no chat: every notice meant for one (receipt, routing, a
 * question, the answer, the rating question…) is kept for the case's status page like any chatless
 * citizen's, and also goes to the operator who took the call as a call-back task — the caller's name
 * and number, the text to read out, and buttons for what the caller says: their answer to a
 * question, satisfied or not with an answer, or simply "told". If that operator is no longer active,
 * every active operator gets it. The caller's number is shown to operators only, never on cards.
 */
export function createCallBacks(deps: { prisma: Prisma; i18n: I18n }) {
  const { prisma, i18n } = deps;

  return async function withCallBacks(p: Payload<"notify">, items: Outgoing[]): Promise<Outgoing[]> {
    const forCaller = items.filter((o) => o.bot === "status_page");
    if (forCaller.length === 0 || p.caseId === undefined) return items;
    const c = await prisma.case.findUnique({ where: { id: p.caseId }, select: { id: true, number: true, kind: true, details: true, replyType: true } });
    const channel = channelOf(c?.details);
    if (!c || channel?.name !== "phone" || !channel.caller) return items;

    const own = channel.operatorId ? await prisma.staffMember.findFirst({ where: { id: channel.operatorId, role: "OPERATOR", active: true } }) : null;
    const operators = own ? [own] : await prisma.staffMember.findMany({ where: { role: "OPERATOR", active: true }, orderBy: { id: "asc" } });
    const outboxId = p.outboxId ?? 0;
    const tasks = forCaller.flatMap((notice) =>
      operators.map((op): Outgoing => {
        const t = (k: string, v?: Record<string, string | number>) => i18n.t(op.locale, k, v);
        const kb = new InlineKeyboard();
        if (p.type === "question") kb.text(t("btn-callback-reply"), cb.callBack("rp", c.id, outboxId)).row();
        // A complaint's answer asks the caller whether they are satisfied (a disclosure answer is not rated).
        if (p.type === "case_answered" && c.kind === "COMPLAINT" && !c.replyType) {
          kb.text(t("btn-callback-satisfied"), cb.callBack("y", c.id, outboxId)).text(t("btn-callback-unsatisfied"), cb.callBack("n", c.id, outboxId)).row();
        }
        kb.text(t("btn-callback-told"), cb.callBack("ok", c.id, outboxId));
        return {
          bot: "staff",
          chatId: op.telegramId,
          locale: op.locale,
          text: t("operator-callback", { number: c.number, name: channel.caller!.name, phone: channel.caller!.phone, script: notice.text }),
          keyboard: kb,
        };
      }),
    );
    return [...items, ...tasks];
  };
}
