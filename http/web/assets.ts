import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import type { WebEnv } from "./web-env.js";

const require = createRequire(import.meta.url);

/** ./assets beside this file when run from source; dist/web-assets when run from the bundle (scripts/build.ts copies it). */
function assetsDir(): string {
  for (const rel of ["./assets/", "./web-assets/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error("web desk assets not found (run npm run build)");
}

/** The browser scripts the pages load: ECharts from its package, and the desk's own small drawing script. */
export function mountAssets(app: Hono<WebEnv>): void {
  const dir = assetsDir();
  const files: Record<string, () => string> = {
    "echarts.min.js": () => readFileSync(require.resolve("echarts/dist/echarts.min.js"), "utf8"),
    "figures-chart.js": () => readFileSync(`${dir}figures-chart.js`, "utf8"),
  };
  const cache = new Map<string, string>();
  app.get("/assets/:name", (c) => {
    const name = c.req.param("name");
    const load = files[name];
    if (!load) return c.notFound();
    if (!cache.has(name)) cache.set(name, load());
    return c.body(cache.get(name)!, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600" });
  });
}
