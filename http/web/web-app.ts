import { Hono } from "hono";
import type { Core } from "../../src/core.js";
import { mountAssets } from "./assets.js";
import { mountAuthRoutes, mountLogout, requireViewer } from "./auth-routes.js";
import { mountFiguresPage } from "./figures-page.js";
import { mountCasePages } from "./cases-page.js";
import { mountQueuesPage } from "./queues-page.js";
import { mountReportPage } from "./report-page.js";
import type { WebEnv } from "./web-env.js";

/**
 * The office desk on the web (issue 13), mounted at /web: public sign-in and assets first, then
 * the session check, then every page and export (each checks the viewer's scope itself).
 */
export function createWebApp(core: Core): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  mountAssets(app);
  mountAuthRoutes(app, core);
  app.use("*", requireViewer(core));
  mountLogout(app, core);
  app.get("/", (c) => c.redirect("/web/figures", 303));
  mountFiguresPage(app, core);
  mountCasePages(app, core);
  mountQueuesPage(app, core);
  mountReportPage(app, core);
  return app;
}
