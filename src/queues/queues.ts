import { Queue, type ConnectionOptions } from "bullmq";
import { QUEUE_NAMES, type Payload, type QueueName } from "./definitions.js";

export type Queues = { [Q in QueueName]: Queue<Payload<Q>> } & { close(): Promise<void> };

export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Producers for every queue. Creating them starts no consumer (see workers/). */
export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const entries = QUEUE_NAMES.map(
    (name) => [name, new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })] as const,
  );
  const queues = Object.fromEntries(entries) as unknown as Queues;
  queues.close = async () => {
    await Promise.all(entries.map(([, q]) => q.close()));
  };
  return queues;
}
