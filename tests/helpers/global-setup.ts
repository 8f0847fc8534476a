import type { TestProject } from "vitest/node";
import { ensureDatabase, migrateDeploy } from "../../src/db/setup.js";
import { trainModel } from "../../src/classifier/model.js";
import { SEED_CORPUS } from "../../src/classifier/seed-corpus.js";
import { modelRow } from "../../src/classifier/registry.js";
import { TEST_DATABASE_URL } from "./env.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The seed classifier's stored row (JSON), trained once per run; resetDatabase installs it. */
    seedModelRow: string;
  }
}

let seedRow: string | undefined;

/**
 * Once per run: the test database exists and carries every committed migration, and the seed
 * model is trained once (deterministic: the same corpus gives the same version), so that each test
 * file does not spend its first seconds training it again before its first case can be routed.
 */
export default async function globalSetup(project: TestProject): Promise<void> {
  await ensureDatabase(TEST_DATABASE_URL);
  await migrateDeploy(TEST_DATABASE_URL);
  seedRow ??= JSON.stringify(modelRow(trainModel(SEED_CORPUS), 0.95, "seed"));
  project.provide("seedModelRow", seedRow);
}
