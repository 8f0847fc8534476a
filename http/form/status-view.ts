import { html } from "hono/html";
import type { I18n } from "@grammyjs/i18n";
import type { Case, CitizenNotice, Department } from "../../src/generated/prisma/client.js";
import { dueForCitizen } from "../../src/notifications/cards.js";
import { formatDay } from "../../src/i18n/i18n.js";
import { publicNote } from "../../src/channels/public-status.js";
import type { Html, T } from "./form-layout.js";

/**
 * The citizen's own status page (number + secret): status, due date, department, the outcome with
 * the answer's text (theirs to read), and every notice meant for them, which no chat could carry.
 */
export function statusView(
  i18n: I18n,
  t: T,
  found: { case: Case & { department: Department | null; events: { action: string }[] }; notices: CitizenNotice[] },
  access: { csrf: string; secret: string; message?: string },
): Html {
  const c = found.case;
  // The page was opened with the number and secret; its own forms carry them back (there is no session).
  const hidden = html`<input type="hidden" name="_csrf" value="${access.csrf}" /><input type="hidden" name="number" value="${c.number}" /><input type="hidden" name="secret" value="${access.secret}" />`;
  const reply =
    c.status === "AWAITING_CITIZEN"
      ? html`<form method="post" action="/form/status/reply">${hidden}<label for="reply">${t("form-reply-label")}</label>
          <textarea id="reply" name="reply"></textarea><button type="submit" id="send-reply">${t("form-reply-submit")}</button></form>`
      : "";
  const rate =
    c.status === "CLOSED" && c.kind === "COMPLAINT" && c.answer && c.satisfied === null && !c.linkedToId
      ? html`<form method="post" action="/form/status/rate">${hidden}<p>${t("form-rate-question")}</p>
          <button type="submit" name="satisfied" value="yes" id="rate-yes">${t("btn-satisfied")}</button>
          <button type="submit" name="satisfied" value="no" id="rate-no">${t("btn-unsatisfied")}</button></form>`
      : "";
  const closing = c.events[0]?.action ?? null;
  return html`${access.message ? html`<p class="privacy" role="status" id="message">${access.message}</p>` : ""}<dl id="status">
      <dt>${t("form-status-kind")}</dt><dd>${t(`kind-${c.kind}`)}</dd>
      <dt>${t("form-status-status")}</dt><dd id="status-value">${t(`status-${c.status}`)}</dd>
      <dt>${t("form-status-department")}</dt><dd>${c.department?.nameZh ?? t("department-pending")}</dd>
      <dt>${t("form-status-due")}</dt><dd id="due">${dueForCitizen(i18n, "zh-CN", c)}</dd>
      <dt>${t("form-status-created")}</dt><dd>${formatDay(c.createdAt, "zh-CN")}</dd>
      ${c.status === "CLOSED" ? html`<dt>${t("form-status-outcome")}</dt><dd id="outcome">${publicNote(t, c, closing)}</dd>` : ""}
      ${c.answer ? html`<dt>${t("form-status-answer")}</dt><dd id="answer">${c.answer}</dd>` : ""}
    </dl>
    <h2>${t("form-status-notices")}</h2>
    <p class="muted">${t("form-status-notices-note")}</p>
    ${found.notices.length === 0
      ? html`<p>${t("form-status-notices-none")}</p>`
      : found.notices.map((n) => html`<div class="notice" data-type="${n.type}"><span class="muted">${formatDay(n.createdAt, "zh-CN")}</span>\n${n.text}</div>`)}
    ${reply}${rate}`;
}
