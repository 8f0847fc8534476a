import { loadConfigOrExit } from "../src/config.js";
import { setupDatabase } from "../src/db/setup.js";

// `npm run setup`: create the database if needed, apply migrations, seed (demo staff only for the emulator).
const config = loadConfigOrExit();
await setupDatabase(config.DATABASE_URL, config.emulator);
console.log("database ready");
