import { Redis } from "ioredis";

/**
 * Commands that hold their connection until something arrives. With auto-pipelining a command
 * waits for the pipeline before it to be answered, so one of these in a pipeline would hold every
 * command behind it: they go out on their own. BullMQ sends its blocking BZPOPMIN on a duplicate of
 * the connection it is given (a Worker's `blockingConnection`), which inherits these options.
 */
export const BLOCKING_COMMANDS = ["blpop", "brpop", "brpoplpush", "blmove", "blmpop", "bzpopmin", "bzpopmax", "bzmpop", "xread", "xreadgroup", "wait", "waitaof"];

/**
 * The process's Redis connection (queues, pace, locks, metrics). BullMQ needs
 * maxRetriesPerRequest: null so blocking commands wait out a Redis restart. Auto-pipelining: the
 * commands issued in one turn of the event loop (BullMQ's scripts, the pace, locks) go out in one
 * write, not a socket write each.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false, enableAutoPipelining: true, autoPipeliningIgnoredCommands: BLOCKING_COMMANDS });
}
