import type { Prisma } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { Classification } from "../cases/case-service.js";
import { loadModel, trainModel, type Example, type LoadedModel, type ModelFile } from "./model.js";
import { SEED_CORPUS } from "./seed-corpus.js";
import { detectPriority } from "./rules.js";

/**
 * Which classifier routes cases. The newest ClassifierModel row wins; with none, the seed model is
 * trained (well under a second) and stored, so every case records a real version. Processes notice
 * a newer version within `refreshMs`.
 */
export function createModelRegistry(deps: { prisma: Prisma; logger: Logger; refreshMs?: number }) {
  const { prisma, logger } = deps;
  const refreshMs = deps.refreshMs ?? 30_000;
  let cached: { model: LoadedModel; checkedAt: number } | null = null;
  let loading: Promise<LoadedModel> | null = null;

  async function install(file: ModelFile, source: "seed" | "retrain" | "file"): Promise<string> {
    await prisma.classifierModel.upsert({
      where: { version: file.version },
      create: { version: file.version, source, documents: file.documents, data: JSON.stringify(file) },
      update: {},
    });
    cached = null;
    logger.info({ version: file.version, source, documents: file.documents }, "classifier model installed");
    return file.version;
  }

  async function load(): Promise<LoadedModel> {
    const newest = await prisma.classifierModel.findFirst({ orderBy: { id: "desc" }, select: { id: true, version: true } });
    if (newest && cached?.model.version === newest.version) {
      cached.checkedAt = Date.now();
      return cached.model;
    }
    let file: ModelFile;
    if (newest) {
      const row = await prisma.classifierModel.findUniqueOrThrow({ where: { id: newest.id }, select: { data: true } });
      file = JSON.parse(row.data) as ModelFile;
    } else {
      file = trainModel(SEED_CORPUS);
      await install(file, "seed");
    }
    const model = loadModel(file);
    cached = { model, checkedAt: Date.now() };
    return model;
  }

  /** The model in use, re-checked against the database at most every `refreshMs`. */
  async function current(): Promise<LoadedModel> {
    if (cached && Date.now() - cached.checkedAt < refreshMs) return cached.model;
    loading ??= load().finally(() => (loading = null));
    return loading;
  }

  /** Training examples from people's decisions: the latest label of each case, with its text. */
  async function labelledExamples(): Promise<Example[]> {
    const labels = await prisma.caseLabel.findMany({ orderBy: { id: "asc" } });
    const latest = new Map(labels.map((l) => [l.caseId, l.departmentCode]));
    const cases = await prisma.case.findMany({ where: { id: { in: [...latest.keys()] } }, select: { id: true, text: true } });
    return cases.map((c) => ({ title: "", body: c.text, label: latest.get(c.id)! }));
  }

  return {
    current,
    install,
    labelledExamples,

    /**
     * Seed corpus plus every human label; installs the result when it differs from the model in use.
     * A model an administrator installed from the district's own history is left alone: its training
     * data is not kept here, and a seed-based model would be worse (retrain it with classifier:train).
     */
    async retrain(): Promise<{ version: string; documents: number; labels: number; changed: boolean; skipped?: string }> {
      const newest = await prisma.classifierModel.findFirst({ orderBy: { id: "desc" }, select: { version: true, source: true, documents: true } });
      if (newest?.source === "file") {
        return { version: newest.version, documents: newest.documents, labels: 0, changed: false, skipped: "installed from a file" };
      }
      const labelled = await labelledExamples();
      const file = trainModel([...SEED_CORPUS, ...labelled]);
      const before = (await current()).version;
      if (file.version !== before) await install(file, "retrain");
      return { version: file.version, documents: file.documents, labels: labelled.length, changed: file.version !== before };
    },

    /** Department (by code, or by the field label of historic data), confidence, urgency and version. */
    async classify(text: string): Promise<Classification> {
      const model = await current();
      const p = model.classify("", text);
      const dept = await prisma.department.findFirst({ where: { OR: [{ code: p.label }, { field: p.label }] } });
      return {
        departmentCode: dept?.code ?? null,
        confidence: p.confidence,
        priority: detectPriority(text),
        modelVersion: model.version,
      };
    },
  };
}

export type ModelRegistry = ReturnType<typeof createModelRegistry>;
