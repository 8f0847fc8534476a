import { Redis } from "ioredis";
import type { Config } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { coalesceWrites } from "./util/redis-writes.js";
import { createDatabase } from "./db/prisma.js";
import { createQueues } from "./queues/queues.js";
import { createReference } from "./db/reference.js";
import { createOutbox } from "./outbox/outbox.js";
import { createCaseService } from "./cases/case-service.js";
import { createCitizenService } from "./citizens/citizen-service.js";
import { createStaffService } from "./staff/staff-service.js";
import { createI18n } from "./i18n/i18n.js";
import { createTelegramApis } from "./telegram/api.js";
import { createSharedMetrics } from "./metrics/shared-metrics.js";
import { createNotifier } from "./notifications/notifier.js";
import { createStaffCards } from "./notifications/staff-cards.js";
import { createFailureRecorder } from "./outbox/failures.js";
import { createModelRegistry } from "./classifier/registry.js";
import { createDeadlineService } from "./deadlines/deadline-service.js";
import { createScheduleService } from "./clock/schedules.js";
import { onUnknownYear } from "./clock/calendar.js";
import { createPrivacyService } from "./privacy/privacy-service.js";
import { createUpdateInbox } from "./inbox/update-inbox.js";
import { createWebAuth } from "./web/auth-service.js";
import { createMediaService } from "./media/media-service.js";
import { createPace } from "./telegram/pace.js";
import { createMenus } from "./telegram/menus.js";
import { createChannelIntake } from "./channels/channel-intake.js";
import { createApiKeys } from "./channels/api-keys.js";
import { createOperatorService } from "./channels/operator-service.js";

/** `now` is the clock every deadline decision reads; tests pass a controllable one. */
export type CoreOptions = { logger?: Logger; now?: () => Date };

const SCHEDULE_REFRESH_MS = 60_000;

/**
 * The composition root of a process: every shared service, built once from the config.
 * Creating the core starts no consumer; workers/ and bots/ decide what runs.
 */
export function createCore(config: Config, opts: CoreOptions = {}) {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const db = createDatabase(config.DATABASE_URL, { onError: (err) => logger.warn({ err: err.message }, "postgres connection error") });
  const { prisma, pool } = db;
  // BullMQ needs maxRetriesPerRequest: null so blocking commands wait out a Redis restart.
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
  coalesceWrites(redis);
  redis.on("error", (err) => logger.warn({ err: err.message }, "redis connection error"));
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const reference = createReference({ pool });
  const now = opts.now ?? (() => new Date());
  const outbox = createOutbox({ prisma, pool, queues, logger, now });
  const cases = createCaseService({
    prisma,
    pool,
    outbox,
    logger,
    now,
    retrainAfterLabels: config.RETRAIN_AFTER_LABELS,
    reminderDays: config.REMINDER_WORKING_DAYS,
    disclosure: { correctionDays: config.CORRECTION_TIMEOUT_WORKING_DAYS },
    complaint: {
      urgentHours: config.URGENT_COMPLAINT_HOURS,
      maxExtensionDays: config.COMPLAINT_EXTENSION_MAX_DAYS,
      reviewDays: config.COMPLAINT_REVIEW_DAYS,
      reviewDepartmentCode: config.COMPLAINT_REVIEW_DEPARTMENT ?? null,
    },
  });
  const citizens = createCitizenService({ prisma, now });
  const privacy = createPrivacyService({
    prisma,
    cases,
    logger,
    now,
    retentionDays: config.RETENTION_DAYS,
    formStateTtlDays: config.FORM_STATE_TTL_DAYS,
  });
  const staff = createStaffService({ prisma });
  const i18n = createI18n();
  const metrics = createSharedMetrics({ redis, prefix: config.QUEUE_PREFIX, onError: (err) => logger.debug({ err: err.message }, "metric not counted") });
  // Each call that went out is counted for /metrics, retries included.
  const telegram = createTelegramApis(config, { citizen: metrics.botApi("citizen"), staff: metrics.botApi("staff") });
  const failures = createFailureRecorder({ prisma, outbox, logger });
  // One budget per bot across every process (Telegram's ~30 messages/s per bot, ~1/s per chat).
  const pace = createPace(redis, config.QUEUE_PREFIX, 1000 / config.TELEGRAM_BOT_MESSAGES_PER_SECOND, 1000 / config.TELEGRAM_CHAT_MESSAGES_PER_SECOND);
  const media = createMediaService({
    prisma,
    telegram,
    logger,
    apiRoot: config.apiRoot,
    tokens: { citizen: config.citizenToken, staff: config.staffToken },
    maxBytes: config.MEDIA_MAX_BYTES,
  });
  const cards = createStaffCards({ prisma, pool, reference, redis, i18n, telegram, logger, prefix: config.QUEUE_PREFIX, now });
  const notifier = createNotifier({
    cards,
    prisma,
    pool,
    reference,
    i18n,
    telegram,
    pace,
    logger,
    failures,
    outboxState: outbox.state,
    now,
    legal: { reconsiderationBody: config.RECONSIDERATION_BODY, oversightBody: config.DISCLOSURE_OVERSIGHT_BODY },
    media,
    resultsChannelId: config.RESULTS_CHANNEL_ID ? BigInt(config.RESULTS_CHANNEL_ID) : undefined,
  });
  const classifier = createModelRegistry({
    prisma,
    logger,
    routingPrecision: config.ROUTING_PRECISION,
    routingConfidence: config.ROUTING_CONFIDENCE,
    departments: () => reference.departments(),
  });
  const deadlines = createDeadlineService({
    prisma,
    pool,
    queues,
    cases,
    logger,
    now,
    reminderDays: config.REMINDER_WORKING_DAYS,
    correctionDays: config.CORRECTION_TIMEOUT_WORKING_DAYS,
    followupDays: config.MEDIATION_FOLLOWUP_DAYS,
    judicialReminderDays: config.JUDICIAL_CONFIRMATION_REMINDER_DAYS,
  });
  const schedules = createScheduleService({ prisma });
  const menus = createMenus({ i18n, redis, prefix: config.QUEUE_PREFIX });
  const inbox = createUpdateInbox({ prisma, pool });
  const channels = createChannelIntake({ prisma, cases, i18n, now, mediationManyPeople: config.MEDIATION_MANY_PEOPLE, gasHotline: config.EMERGENCY_GAS_HOTLINE });
  const apiKeys = createApiKeys({ prisma });
  const callBacks = createOperatorService({ prisma, cases, now });
  const webAuth = createWebAuth({ prisma, now, linkTtlMinutes: config.WEB_LINK_TTL_MINUTES, sessionHours: config.WEB_SESSION_HOURS });
  // Official schedules an administrator loaded win over the package's and the Monday–Friday guess.
  const loadSchedules = () => schedules.load().catch((err) => logger.warn({ err }, "could not load calendar schedules"));
  void loadSchedules();
  const refresh = setInterval(loadSchedules, SCHEDULE_REFRESH_MS);
  refresh.unref();
  const stopListening = onUnknownYear((year) => {
    logger.warn({ year }, "no official holiday schedule for this year: counting Monday to Friday");
    queues.maintenance
      .add("calendar-fallback", { task: "calendar-fallback", year }, { jobId: `calendar-fallback-${year}` })
      .catch((err) => logger.warn({ err }, "could not queue the calendar notice"));
  });

  return {
    config,
    logger,
    prisma,
    /** The pg pool under `prisma`, for hot paths in plain SQL (src/db/prisma.ts). */
    pool,
    /** Departments, cached per process (src/db/reference.ts). */
    reference,
    redis,
    queues,
    outbox,
    cases,
    citizens,
    privacy,
    staff,
    i18n,
    telegram,
    metrics,
    pace,
    menus,
    notifier,
    media,
    cards,
    failures,
    classifier,
    deadlines,
    schedules,
    inbox,
    webAuth,
    channels,
    apiKeys,
    callBacks,
    now,
    async close() {
      clearInterval(refresh);
      stopListening();
      await metrics.close();
      await queues.close();
      await redis.quit().catch(() => undefined);
      await db.close();
    },
  };
}

export type Core = ReturnType<typeof createCore>;
