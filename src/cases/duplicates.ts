import { createRequire } from "node:module";
import type { Prisma } from "../db/prisma.js";
import { OPEN_STATUSES } from "./state-machine.js";

// natural's submodule directly (the package root loads database clients).
const require = createRequire(import.meta.url);
const dice = require("natural/lib/natural/distance/dice_coefficient.js") as (a: string, b: string) => number;

const LOOKBACK_MS = 90 * 24 * 3600 * 1000;
const CANDIDATES = 300;

/** Only the words count: punctuation, spaces and numbers vary between people telling the same thing. */
const normalise = (s: string) => s.replace(/[\s\p{P}\p{S}\d]/gu, "");

/**
 * The open complaint of the same department that this one repeats (并单), if any: the most similar
 * by the Dice coefficient of character pairs over text and place, at or above `threshold`.
 */
export async function findNearDuplicate(
  prisma: Prisma,
  c: { id: number; text: string; location: string | null; departmentId: number | null; createdAt: Date },
  threshold: number,
): Promise<{ id: number; number: string; similarity: number } | null> {
  if (c.departmentId === null) return null;
  const candidates = await prisma.case.findMany({
    where: {
      id: { not: c.id },
      kind: "COMPLAINT",
      departmentId: c.departmentId,
      linkedToId: null,
      status: { in: [...OPEN_STATUSES] },
      createdAt: { gte: new Date(c.createdAt.getTime() - LOOKBACK_MS), lte: c.createdAt },
    },
    select: { id: true, number: true, text: true, location: true },
    orderBy: { createdAt: "desc" },
    take: CANDIDATES,
  });
  const mine = normalise(`${c.text}${c.location ?? ""}`);
  let best: { id: number; number: string; similarity: number } | null = null;
  for (const o of candidates) {
    const similarity = dice(mine, normalise(`${o.text}${o.location ?? ""}`));
    if (similarity >= threshold && similarity > (best?.similarity ?? 0)) best = { id: o.id, number: o.number, similarity };
  }
  return best;
}
