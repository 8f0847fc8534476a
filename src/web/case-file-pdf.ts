import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { CaseFile } from "./case-file-service.js";
import { shanghaiTime } from "./format.js";

type T = (key: string, vars?: Record<string, string | number>) => string;
const require = createRequire(import.meta.url);

/**
 * Noto Sans Hans (Simplified Chinese, SIL OFL; the GB2312 set) from the npm package
 * @embedpdf/fonts-sc, so every install has it without system fonts; pdfkit embeds only the
 * glyphs a file uses (~50 KB).
 */
let font: Buffer | undefined;
function cjkFont(): Buffer {
  // The package exports only its JS entry; the font files sit in ../fonts beside it.
  font ??= readFileSync(join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts", "NotoSansHans-Regular.otf"));
  return font;
}

/** The case file (案卷) as a PDF for the yearly review: the same facts, history and messages as the page. */
export function renderCaseFilePdf(t: T, f: CaseFile, opts: { viewerName: string; locale: string; now: Date }): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: t("web-pdf-title", { number: f.number }) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("cjk", cjkFont());
  doc.font("cjk");
  doc.fontSize(18).text(t("web-pdf-title", { number: f.number }));
  doc.fontSize(9).fillColor("#555").text(t("web-pdf-generated", { at: shanghaiTime(opts.now), name: opts.viewerName })).fillColor("#000");
  doc.moveDown();
  const line = (k: string, v: unknown) => {
    if (v === null || v === undefined || v === "") return;
    doc.fontSize(11).text(`${k}：${String(v)}`);
  };
  doc.fontSize(14).text(t("web-case-facts"));
  line(t("web-kind"), t(`kind-${f.kind}`));
  line(t("web-status"), t(`status-${f.status}`));
  line(t("web-department"), f.department ? (opts.locale.startsWith("zh") ? f.department.nameZh : f.department.nameEn) : t("web-unrouted"));
  line(t("web-received-at"), shanghaiTime(f.receivedAt));
  line(t("web-due-at"), shanghaiTime(f.dueAt));
  if (f.closedAt) line(t("web-closed-at"), shanghaiTime(f.closedAt));
  line(t("web-text"), f.text);
  line(t("web-location"), f.location);
  if (f.identity.anonymous) line(t("web-contact"), t("web-anonymous"));
  else {
    line(t("web-contact"), [f.identity.contactName, f.identity.contactPhone].filter(Boolean).join(" "));
    if (f.identity.details) line(t("web-applicant"), JSON.stringify(f.identity.details));
  }
  line(t("web-answer"), f.answer);
  if (f.replyType) line(t("web-reply-type"), t(`reply-type-${f.replyType}`));
  if (f.satisfied !== null) line(t("web-satisfied"), t(f.satisfied ? "web-satisfied-yes" : "web-satisfied-no"));
  if (f.extension) line(t("web-extension"), `${f.extension.state} · ${f.extension.days ?? "?"}`);
  line(t("web-outcome"), f.outcome);
  doc.moveDown().fontSize(14).text(t("web-history"));
  for (const e of f.events) {
    const who = e.actor === "staff" ? t("web-actor-staff", { name: e.name ?? "?", role: e.role ? t(`role-${e.role}`) : "?" }) : e.actor === "citizen" ? t("web-actor-citizen") : e.actor === "system" ? t("web-actor-system") : e.actor === "web" ? t("web-actor-web") : e.actor.startsWith("open311:") ? t("web-actor-open311", { client: e.actor.slice(8) }) : e.actor;
    doc.fontSize(10).text(`${shanghaiTime(e.at)}  ${who}  ${e.action}  ${e.from ? t(`status-${e.from}`) : ""} → ${t(`status-${e.to}`)}${e.note ? `  ${e.note}` : ""}`);
  }
  doc.moveDown().fontSize(14).text(t("web-messages"));
  for (const m of f.messages) doc.fontSize(10).text(`${shanghaiTime(m.at)}  ${t(`web-message-${m.direction}`)}${m.staff ? ` · ${m.staff}` : ""}：${m.text}`);
  doc.end();
  return done;
}
