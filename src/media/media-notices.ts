import type { I18n } from "@grammyjs/i18n";
import type { Prisma } from "../db/prisma.js";
import type { Payload } from "../queues/definitions.js";
import type { Outgoing } from "../notifications/notifier.js";
import type { MediaService } from "./media-service.js";

/** Notices that carry the case card to staff: the form's photos and documents follow the card. */
const CARD_NOTICES = new Set(["case_routed", "case_assigned", "case_transferred", "case_escalated", "case_returned", "case_reopened"]);
/** Notices relaying a message: the files that came with it follow the text, to the side it is for. */
const MESSAGE_NOTICES: Record<string, Outgoing["bot"]> = { citizen_reply: "staff", correction_received: "staff", case_answered: "citizen" };
const ALBUM_MAX = 10;

const chunks = (ids: number[]) => Array.from({ length: Math.ceil(ids.length / ALBUM_MAX) }, (_, i) => ids.slice(i * ALBUM_MAX, (i + 1) * ALBUM_MAX));

/**
 * Adds a notice's photos and documents after each message they belong with: an album of photos and
 * one of documents (Telegram keeps them apart), captioned with the case number. Each album is one
 * more delivery of the same notify job, so it is recorded, retried and never reported sent unsent.
 */
export function createMediaNotices(deps: { prisma: Prisma; i18n: I18n; media: MediaService }) {
  /** `form`: the form's files and the case number, when the notice's own read has them (notice-read.ts). */
  return async function withMedia(p: Payload<"notify">, out: Outgoing[], form?: { files: { id: number; kind: string }[]; number: string }): Promise<Outgoing[]> {
    if (!p.caseId) return out;
    const onCard = CARD_NOTICES.has(p.type);
    const side = MESSAGE_NOTICES[p.type];
    if (!onCard && !(side && p.messageId)) return out;
    const files =
      onCard && form
        ? { photos: form.files.filter((f) => f.kind === "photo").map((f) => f.id), documents: form.files.filter((f) => f.kind !== "photo").map((f) => f.id) }
        : await deps.media.listOf(p.caseId, onCard ? null : p.messageId!);
    if (files.photos.length + files.documents.length === 0) return out;
    const c = form ? { number: form.number } : await deps.prisma.case.findUnique({ where: { id: p.caseId }, select: { number: true } });
    const key = onCard ? "media-caption-form" : side === "citizen" ? "media-caption-answer" : "media-caption-reply";
    return out.flatMap((o) => {
      if (o.media || o.bot !== (onCard ? "staff" : side)) return [o];
      const caption = deps.i18n.t(o.locale, key, { number: c?.number ?? "", count: files.photos.length + files.documents.length });
      const albums = [...chunks(files.photos), ...chunks(files.documents)];
      return [o, ...albums.map((ids): Outgoing => ({ bot: o.bot, chatId: o.chatId, locale: o.locale, text: caption, media: ids }))];
    });
  };
}
