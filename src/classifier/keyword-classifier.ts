import type { Prisma } from "../db/prisma.js";
import type { Classification } from "../cases/case-service.js";
import { classifyByKeywords, detectPriority } from "./rules.js";

export const KEYWORD_MODEL_VERSION = "keywords-v1";

/** The spine's classifier: department keywords from the database plus hazard words for urgency. */
export function createKeywordClassifier(deps: { prisma: Prisma }) {
  return {
    async classify(text: string): Promise<Classification> {
      const departments = await deps.prisma.department.findMany({ select: { code: true, keywords: true } });
      const { departmentCode, confidence } = classifyByKeywords(text, departments);
      return { departmentCode, confidence, priority: detectPriority(text), modelVersion: KEYWORD_MODEL_VERSION };
    },
  };
}
