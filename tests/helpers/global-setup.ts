import { ensureDatabase, migrateDeploy } from "../../src/db/setup.js";
import { TEST_DATABASE_URL } from "./env.js";

/** Once per run: the test database exists and carries every committed migration. */
export default async function globalSetup(): Promise<void> {
  await ensureDatabase(TEST_DATABASE_URL);
  await migrateDeploy(TEST_DATABASE_URL);
}
