import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";

/**
 * `npm run privacy:purge`: the daily retention run, once, now (the workers also run it every night):
 * cases closed more than RETENTION_DAYS ago are anonymised, citizens with no cases and no activity
 * for that long deleted, forms abandoned for FORM_STATE_TTL_DAYS removed. Safe to repeat.
 */
const config = loadConfigOrExit();
const core = createCore(config);
try {
  const r = await core.privacy.runRetention();
  console.log(
    `retention ${config.RETENTION_DAYS} days: ${r.anonymised} cases anonymised, ${r.citizensDeleted} citizens deleted, ` +
      `${r.formsExpired} abandoned forms removed (older than ${config.FORM_STATE_TTL_DAYS} days), ${r.deliveriesDeleted} delivery records removed`,
  );
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await core.close();
}
