import type { HttpBindings } from "@hono/node-server";
import type { WebViewer } from "../../src/web/auth-service.js";

/** The web desk's Hono environment: Node bindings, and the viewer the session middleware found. */
export type WebEnv = { Bindings: HttpBindings; Variables: { viewer: WebViewer } };
