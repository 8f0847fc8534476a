import type { Prisma } from "../db/prisma.js";

export const RESULTS_PER_PAGE = 20;

/**
 * The public results page's data (item 31): approved copies of complaints still closed with the
 * answer that was approved (a reopened case, or one answered anew, drops out until approved
 * again). Only PublishedResult's stripped fields are read, never the case's own text.
 */
export function createResultsService(deps: { prisma: Prisma }) {
  const { prisma } = deps;
  return {
    async list(opts: { q?: string; page?: number }) {
      const q = opts.q?.trim().slice(0, 100);
      const page = Math.max(1, Math.floor(opts.page ?? 1));
      const where = {
        case: { status: "CLOSED" as const, publicationState: "approved" },
        ...(q ? { OR: [{ text: { contains: q } }, { answer: { contains: q } }, { place: { contains: q } }, { number: { contains: q.toUpperCase() } }] } : {}),
      };
      const [total, rows] = await Promise.all([
        prisma.publishedResult.count({ where }),
        prisma.publishedResult.findMany({
          where,
          orderBy: [{ approvedAt: "desc" }, { id: "desc" }],
          skip: (page - 1) * RESULTS_PER_PAGE,
          take: RESULTS_PER_PAGE,
          select: { number: true, departmentId: true, text: true, answer: true, place: true, receivedAt: true, closedAt: true },
        }),
      ]);
      return { total, page, pages: Math.max(1, Math.ceil(total / RESULTS_PER_PAGE)), rows };
    },
  };
}
