import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./src/db/migration-adapter.js";

// The schema's env("DATABASE_URL") must resolve even for `prisma generate` on a fresh clone.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/minsheng";

// Prisma's JS schema engine with the pg driver adapter: no native engine download (see README).
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return createMigrationAdapter(process.env.DATABASE_URL!);
  },
});
