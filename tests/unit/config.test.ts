import { describe, expect, it } from "vitest";
import { EMULATOR_TOKENS, loadConfig } from "../../src/config.js";

describe("configuration", () => {
  it("defaults to the local emulator when no tokens are set", () => {
    const c = loadConfig({});
    expect(c.emulator).toBe(true);
    expect(c.citizenToken).toBe(EMULATOR_TOKENS.citizen);
    expect(c.apiRoot).toBe("http://127.0.0.1:9000");
    expect(c.HTTP_PORT).toBe(3000);
    expect(c.RETENTION_DAYS).toBe(1095);
    expect(c.FORM_STATE_TTL_DAYS).toBe(7);
  });

  it("uses Telegram when both tokens are set, unless another API root is given", () => {
    const tokens = { CITIZEN_BOT_TOKEN: "123:AAAAAAAAAAAAAAAAAAAAAAAAAAAA", STAFF_BOT_TOKEN: "456:BBBBBBBBBBBBBBBBBBBBBBBBBBBB" };
    expect(loadConfig(tokens).apiRoot).toBe("https://api.telegram.org");
    expect(loadConfig({ ...tokens, TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }).apiRoot).toBe("http://127.0.0.1:8081");
  });

  it("routes at a target precision of 95% by default, with no fixed confidence, and retrains after 20 labels", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ ROUTING_PRECISION: 0.95, RETRAIN_AFTER_LABELS: 20 });
    expect(c.ROUTING_CONFIDENCE).toBeUndefined();
    expect(loadConfig({ ROUTING_CONFIDENCE: "0.7" }).ROUTING_CONFIDENCE).toBe(0.7);
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, /^Invalid configuration: DATABASE_URL must be a postgresql:\/\/ URL/],
    [{ REDIS_URL: "localhost:6379" }, /^Invalid configuration: REDIS_URL /],
    [{ HTTP_PORT: "eighty" }, /^Invalid configuration: HTTP_PORT /],
    [{ CITIZEN_BOT_TOKEN: "nonsense", STAFF_BOT_TOKEN: "nonsense" }, /^Invalid configuration: CITIZEN_BOT_TOKEN must look like/],
    [{ CITIZEN_BOT_TOKEN: "123:AAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, /^Invalid configuration: STAFF_BOT_TOKEN set both bot tokens/],
    [{ ROUTING_CONFIDENCE: "2" }, /^Invalid configuration: ROUTING_CONFIDENCE /],
    [{ RETENTION_DAYS: "7" }, /^Invalid configuration: RETENTION_DAYS /],
    [{ FORM_STATE_TTL_DAYS: "0" }, /^Invalid configuration: FORM_STATE_TTL_DAYS /],
    [{ ROUTING_PRECISION: "0.3" }, /^Invalid configuration: ROUTING_PRECISION /],
    [{ RETRAIN_AFTER_LABELS: "-1" }, /^Invalid configuration: RETRAIN_AFTER_LABELS /],
    [{ TELEGRAM_API_ROOT: "ftp://x" }, /^Invalid configuration: TELEGRAM_API_ROOT must be an http/],
    [{ WEBHOOK_URL: "https://example.org" }, /^Invalid configuration: WEBHOOK_SECRET must be set when WEBHOOK_URL is/],
    [{ WEBHOOK_URL: "https://example.org", WEBHOOK_SECRET: "short-secret" }, /^Invalid configuration: WEBHOOK_SECRET must be set when WEBHOOK_URL is: 32 to 256/],
    [{ WEBHOOK_URL: "https://example.org", WEBHOOK_SECRET: "x".repeat(31) + "!" }, /^Invalid configuration: WEBHOOK_SECRET /],
  ])("stops on %o with one line naming the variable", (env, message) => {
    let error: Error | undefined;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain("\n");
  });

  it("takes a webhook secret of 32 or more characters, and never prints it", () => {
    const secret = "a".repeat(32);
    expect(loadConfig({ WEBHOOK_URL: "https://example.org", WEBHOOK_SECRET: secret }).WEBHOOK_SECRET).toBe(secret);
    expect(() => loadConfig({ WEBHOOK_URL: "https://example.org", WEBHOOK_SECRET: "tiny" })).toThrow(/^(?!.*tiny)/);
  });
});
