import type { Prisma, Tx } from "../db/prisma.js";
import type { Case } from "../generated/prisma/client.js";
import { stripPersonal, streetLevel } from "./strip-personal.js";

export type PublicCopy = { text: string; answer: string; place: string | null };

/** Every string in a case's details (names, phones, identity numbers of applicants and parties). */
function detailStrings(details: unknown): string[] {
  if (details === null || details === undefined) return [];
  if (typeof details === "string") return [details];
  if (typeof details !== "object") return [];
  return Object.values(details as Record<string, unknown>).flatMap(detailStrings);
}

/**
 * What a complaint's result looks like in public (item 31): its text and answer with personal
 * data taken out — the case's own contact name and phone, every name and number in its details,
 * every staff member's name — and its place cut to street level. The same function makes the
 * supervisor's preview and the published copy, so what is approved is what appears.
 */
export async function publicCopyOf(db: Prisma | Tx, c: Pick<Case, "text" | "answer" | "location" | "contactName" | "contactPhone" | "details">): Promise<PublicCopy> {
  const staff = await db.staffMember.findMany({ select: { displayName: true } });
  const known = [c.contactName, c.contactPhone, ...detailStrings(c.details).filter((s) => s.length <= 40), ...staff.map((s) => s.displayName)];
  return { text: stripPersonal(c.text, known), answer: stripPersonal(c.answer ?? "", known), place: streetLevel(c.location) };
}
