import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const botToken = optionalString.refine((v) => v === undefined || /^\d+:[\w-]{20,}$/.test(v), {
  message: "must look like 123456:ABC-DEF… (as given by @BotFather)",
});

/** Every setting Minsheng reads from the environment. Documented in the README. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .default("postgresql://postgres@127.0.0.1:5432/minsheng")
      .refine((v) => /^postgres(ql)?:\/\//.test(v), { message: "must be a postgresql:// URL" }),
    REDIS_URL: z
      .string()
      .default("redis://127.0.0.1:6379")
      .refine((v) => /^rediss?:\/\//.test(v), { message: "must be a redis:// URL" }),
    /** Namespaces every BullMQ key, so tests and several deployments can share one Redis. */
    QUEUE_PREFIX: z.string().regex(/^[\w-]+$/, "letters, digits, _ and - only").default("minsheng"),
    CITIZEN_BOT_TOKEN: botToken,
    STAFF_BOT_TOKEN: botToken,
    /** Any Bot API server; defaults to Telegram's when tokens are set, the local emulator otherwise. */
    TELEGRAM_API_ROOT: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
      message: "must be an http(s):// URL",
    }),
    /** Port of the local Telegram Bot API emulator started when no tokens are configured. */
    EMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(9000),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Public base URL for webhooks; when set, bots use webhooks on the HTTP server instead of polling. */
    WEBHOOK_URL: optionalString.refine((v) => v === undefined || /^https:\/\//.test(v), {
      message: "must be an https:// URL",
    }),
    /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token; required (32+ characters) with WEBHOOK_URL. */
    WEBHOOK_SECRET: optionalString,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * Precision the classifier's automatic routing must keep: each model version derives from its
     * held-out folds the confidence threshold that keeps it; cases below go to a dispatcher.
     */
    ROUTING_PRECISION: z.coerce.number().min(0.5).max(1).default(0.95),
    /** Optional fixed confidence threshold for every model version, overriding ROUTING_PRECISION. */
    ROUTING_CONFIDENCE: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.coerce.number().min(0).max(1).optional()),
    /**
     * Messages a second each bot sends at most, across every process (src/telegram/pace.ts). Telegram
     * allows about 30; keep the default. The pipeline benchmark raises it against its fake Bot API to
     * measure the bots' and the workers' own capacity.
     */
    TELEGRAM_BOT_MESSAGES_PER_SECOND: z.coerce.number().min(1).max(100_000).default(25),
    /**
     * Messages a second to one chat (src/telegram/pace.ts). Telegram allows about one; keep the
     * default. Only the pipeline benchmark's workers raise it, against its fake Bot API: every card
     * of a department goes to the same few chats, so at one a second the benchmark would measure
     * Telegram's limit on a handler's chat, not the workers.
     */
    TELEGRAM_CHAT_MESSAGES_PER_SECOND: z.coerce.number().min(0.1).max(100_000).default(1),
    /**
     * Chats a bots process handles at once. An answer waits for its chat's slot (one message a second
     * per chat), holding its chat meanwhile: a process answers at most about this many updates a second
     * when people reply at once, so it is set well above the 32 it once was; each waiting chat costs
     * a little memory, no connection (the pool queues queries).
     */
    INBOX_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(512),
    /** Retrain the classifier in the background after this many new dispatchers' labels (0: only nightly). */
    RETRAIN_AFTER_LABELS: z.coerce.number().int().min(0).default(20),
    /** When the classifier is retrained from dispatchers' labels (cron, Asia/Shanghai). */
    RETRAIN_CRON: z
      .string()
      .regex(/^\S+( \S+){4,5}$/, "must be a cron pattern, e.g. 0 3 * * *")
      .default("0 3 * * *"),
    /** How many working days before its due date a handler is reminded of an open case. */
    REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(20).default(2),
    /**
     * The reasonable period (条例 art. 30) a disclosure applicant is given for a 补正, in working days,
     * shown to them as a date; when it passes the handler is asked to confirm the lapse.
     */
    CORRECTION_TIMEOUT_WORKING_DAYS: z.coerce.number().int().min(1).max(120).default(15),
    /**
     * An urgent (safety) complaint is due this many calendar hours after receipt, holidays included,
     * and the supervisor is alerted when it is routed (信访工作条例 art. 23: 紧急信访事项及时处理).
     */
    URGENT_COMPLAINT_HOURS: z.coerce.number().int().min(1).max(168).default(24),
    /** The longest extension a supervisor may grant a complaint, in calendar days (信访工作条例 art. 34: 不得超过30日). */
    COMPLAINT_EXTENSION_MAX_DAYS: z.coerce.number().int().min(1).max(30).default(30),
    /** The period for a review (复查) after 不满意, in calendar days from the request (信访工作条例 art. 35: 30日内提出复查意见). */
    COMPLAINT_REVIEW_DAYS: z.coerce.number().int().min(1).max(30).default(30),
    /** A department (its code) that reviews every complaint; unset: the supervisors of the department that answered. */
    COMPLAINT_REVIEW_DEPARTMENT: optionalString,
    /** Days before the 30-day judicial-confirmation window of a mediation agreement closes that both parties are reminded (人民调解法 art. 33). */
    JUDICIAL_CONFIRMATION_REMINDER_DAYS: z.coerce.number().int().min(1).max(29).default(7),
    /** Similarity (Dice coefficient of character pairs, 0–1) at which a complaint is linked to an open one (并单). */
    DUPLICATE_SIMILARITY: z.coerce.number().min(0.3).max(1).default(0.6),
    /** A mediation with at least this many people involved is flagged for proactive handling. */
    MEDIATION_MANY_PEOPLE: z.coerce.number().int().min(2).default(10),
    /** Days after an agreement when the applicant is asked whether it was carried out. */
    MEDIATION_FOLLOWUP_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** When supervisors get the overdue digest (cron, Asia/Shanghai; skipped on non-working days). */
    DIGEST_CRON: z
      .string()
      .regex(/^\S+( \S+){4,5}$/, "must be a cron pattern, e.g. 0 9 * * *")
      .default("0 9 * * *"),
    /**
     * The reconsideration body (复议机关) every disclosure answer names: for an act of a department of
     * the district government, the district government (行政复议法 art. 24 ¶1 (1)). Without a named body
     * the applicant's window stretches to one year (art. 20 ¶3). Set the full name, e.g. 北京市朝阳区人民政府.
     */
    RECONSIDERATION_BODY: z.string().trim().min(2).default("本区人民政府"),
    /** Where an applicant may complain about disclosure work (政府信息公开条例 art. 51). */
    DISCLOSURE_OVERSIGHT_BODY: z.string().trim().min(2).default("本区政府信息公开工作主管部门"),
    /** A form (conversation state) untouched for this many days is treated as abandoned and deleted. */
    FORM_STATE_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    /**
     * Days after closing when a case's personal data is anonymised, and after which a citizen with no
     * cases and no activity is deleted. The privacy notice states it (PIPL art. 17, 19).
     */
    RETENTION_DAYS: z.coerce.number().int().min(30).max(36_500).default(1095),
    /** The gas company's emergency line, named in the advice to a citizen who smells gas; unset: named without a number. */
    EMERGENCY_GAS_HOTLINE: optionalString.refine((v) => v === undefined || /^[\d+][\d\s-]{2,19}$/.test(v), {
      message: "must be a phone number (digits, spaces, -), e.g. 96777",
    }),
    /**
     * Largest photo or document (bytes) a citizen or a staff member may send with a case; bots can
     * download at most 20 MB from Telegram (Bot API getFile), so that is the ceiling.
     */
    MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).max(20 * 1024 * 1024).default(10 * 1024 * 1024),
    /** How often the sweep (a timer in each workers process, one at a time) moves missed outbox work and marks what is due (seconds). */
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(30),
    /** How often each workers process checks that Redis still holds its data (the epoch key), in ms. */
    REDIS_LOSS_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    /** Longest wait between tries while Postgres, Redis or Telegram is down (jobs wait; no attempt is used up), in ms. */
    OUTAGE_BACKOFF_MAX_MS: z.coerce.number().int().min(100).max(300_000).default(5000),
    /**
     * Workers processes `npm start` and `npm run start:workers` run on this machine (the first one,
     * plus this many minus one children it supervises). Default: the number of cores.
     */
    WORKER_PROCESSES: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
    /** A process asked to stop (SIGTERM) exits within this many seconds, whatever its jobs or clients are doing. */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(120).default(10),
    /** Public base URL of the web desk, used in /web sign-in links (default: WEBHOOK_URL, else http://127.0.0.1:HTTP_PORT). */
    WEB_BASE_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
      message: "must be an http(s) URL",
    }),
    /** Minutes a /web sign-in link stays valid (it works once). */
    WEB_LINK_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
    /** Hours a web desk session lasts from sign-in. */
    WEB_SESSION_HOURS: z.coerce.number().min(0.05).max(72).default(8),
    /**
     * A public Telegram channel (numeric chat id, e.g. -1001234567890) where approved complaint
     * results are also posted by the citizen bot (item 31), which must be an administrator there.
     */
    RESULTS_CHANNEL_ID: optionalString.refine((v) => v === undefined || /^-?\d{5,20}$/.test(v), { message: "must be a numeric chat id" }),
    /** Bearer token that opens /metrics (Prometheus); unset, only METRICS_ALLOW may scrape. */
    METRICS_TOKEN: optionalString,
    /** Addresses or IPv4/IPv6 networks allowed to scrape /metrics without the token, comma-separated (e.g. 127.0.0.1,10.0.0.0/8). */
    METRICS_ALLOW: z
      .string()
      .default("127.0.0.1,::1")
      .refine((v) => v.split(",").map((s) => s.trim()).filter(Boolean).every((s) => {
        const [addr, bits, extra] = s.split("/");
        const family = isIP(addr);
        return family > 0 && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)));
      }), { message: "must be addresses or networks (a.b.c.d/n), comma-separated" }),
  })
  .superRefine((c, ctx) => {
    // Without a secret anyone who finds the URL can post forged updates (a button press "from" a handler).
    if (c.WEBHOOK_URL && !/^[A-Za-z0-9_-]{32,256}$/.test(c.WEBHOOK_SECRET ?? "")) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: "must be set when WEBHOOK_URL is: 32 to 256 characters of A-Z, a-z, 0-9, _ and - (e.g. openssl rand -hex 32)",
      });
    }
    if (Boolean(c.CITIZEN_BOT_TOKEN) !== Boolean(c.STAFF_BOT_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: [c.CITIZEN_BOT_TOKEN ? "STAFF_BOT_TOKEN" : "CITIZEN_BOT_TOKEN"],
        message: "set both bot tokens, or neither (to use the local emulator)",
      });
    }
  });

export type Config = z.infer<typeof configSchema> & {
  /** True when no tokens are set: both bots talk to the local emulator with demo tokens. */
  emulator: boolean;
  citizenToken: string;
  staffToken: string;
  apiRoot: string;
};

/** Demo tokens for the emulator; never valid on Telegram. */
export const EMULATOR_TOKENS = {
  citizen: "1000001:minsheng-citizen-demo-token-xxxxx",
  staff: "1000002:minsheng-staff-demo-token-xxxxxxx",
} as const;

export class ConfigError extends Error {}

/** Parses the environment once. A bad value throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    // Never echo a secret or a token into logs.
    const value = /SECRET|TOKEN/.test(name) ? undefined : env[name];
    throw new ConfigError(
      `Invalid configuration: ${name} ${issue.message}${value !== undefined ? ` (got "${value.slice(0, 40)}")` : ""}`,
    );
  }
  const c = parsed.data;
  const emulator = !c.CITIZEN_BOT_TOKEN;
  return {
    ...c,
    emulator,
    citizenToken: c.CITIZEN_BOT_TOKEN ?? EMULATOR_TOKENS.citizen,
    staffToken: c.STAFF_BOT_TOKEN ?? EMULATOR_TOKENS.staff,
    apiRoot: c.TELEGRAM_API_ROOT ?? (emulator ? `http://127.0.0.1:${c.EMULATOR_PORT}` : "https://api.telegram.org"),
  };
}

/** For entry points: load the config or print the one-line reason and exit. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
