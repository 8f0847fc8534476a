import { loadConfigOrExit } from "../src/config.js";
import { createPrisma } from "../src/db/prisma.js";
import { ensureDatabase, migrateDeploy } from "../src/db/setup.js";
import { seed } from "../prisma/seed.js";

/** `npm run setup`: create the database if needed, apply migrations, seed departments (and demo staff for the emulator). */
export async function setup(databaseUrl: string, demoStaff: boolean): Promise<void> {
  if (await ensureDatabase(databaseUrl)) console.log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  await migrateDeploy(databaseUrl);
  const prisma = createPrisma(databaseUrl, 2);
  try {
    await seed(prisma, { demoStaff });
  } finally {
    await prisma.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfigOrExit();
  await setup(config.DATABASE_URL, config.emulator);
  console.log("database ready");
}
