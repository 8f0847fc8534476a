import type { Config } from "../config.js";

/** Where people open the web desk: WEB_BASE_URL, else the webhook's public URL, else this machine. */
export function webBaseUrl(config: Config): string {
  return (config.WEB_BASE_URL ?? config.WEBHOOK_URL ?? `http://127.0.0.1:${config.HTTP_PORT}`).replace(/\/$/, "");
}
