import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

/**
 * `npm run build`: bundles each entry point to dist/*.mjs (dependencies stay in node_modules) and
 * copies the Fluent files beside them. Production processes run this JS: no TypeScript compiler in
 * memory (measured: a worker with the classifier loaded drops from ~256 MB to ~195 MB RSS).
 */
export const ENTRY_POINTS = {
  start: "scripts/start.ts",
  bots: "bots/main.ts",
  workers: "workers/main.ts",
  http: "http/main.ts",
  "rss-probe": "scripts/classifier/rss-probe.ts",
  // Not a service: the classifier's training child process (src/classifier/train-off-loop.ts).
  "train-thread": "src/classifier/train-thread.ts",
};

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ENTRY_POINTS,
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
// src/i18n/i18n.ts reads ./locales next to the running module.
cpSync("src/i18n/locales", "dist/locales", { recursive: true });
// http/web/assets.ts reads the browser scripts from ./web-assets next to the running module.
cpSync("http/web/assets", "dist/web-assets", { recursive: true });
console.log(`built ${Object.keys(ENTRY_POINTS).length} entry points into dist/`);
