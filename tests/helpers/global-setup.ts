import type { TestProject } from "vitest/node";
import { dropDatabase, editedMigrations, ensureDatabase, migrateDeploy } from "../../src/db/setup.js";
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
 * Once per run: the test database exists and carries every committed migration as its file reads
 * now (recreated when one was edited after it was applied), and the seed
 * model is trained once (deterministic: the same corpus gives the same version), so that each test
 * file does not spend its first seconds training it again before its first case can be routed.
 */
export default async function globalSetup(project: TestProject): Promise<void> {
  // A migration edited after this database applied it would be skipped by name: start it afresh.
  const edited = await editedMigrations(TEST_DATABASE_URL);
  if (edited.length > 0) {
    console.warn(`test database: ${edited.join(", ")} changed since applied; recreating it`);
    await dropDatabase(TEST_DATABASE_URL);
  }
  await ensureDatabase(TEST_DATABASE_URL);
  await migrateDeploy(TEST_DATABASE_URL);
  seedRow ??= JSON.stringify(modelRow(trainModel(SEED_CORPUS), 0.95, "seed"));
  project.provide("seedModelRow", seedRow);
}
