import { Worker } from "node:worker_threads";
import type { Example, ModelFile } from "./model.js";

/**
 * Trains a model on a worker thread. Training takes seconds of CPU (7 s on the full seed file,
 * more under load); on the event loop it would stop a workers process from renewing its BullMQ job
 * locks for that long, and other processes would take its jobs as stalled and run them twice.
 * From the bundle (dist/workers.mjs) the thread runs dist/train-thread.mjs; from source (tsx,
 * vitest) it runs train-thread.ts through tsx.
 */
export function trainInThread(examples: Example[]): Promise<ModelFile> {
  const bundled = import.meta.url.endsWith(".mjs");
  const url = new URL(bundled ? "./train-thread.mjs" : "./train-thread.ts", import.meta.url);
  return new Promise((resolve, reject) => {
    const worker = bundled
      ? new Worker(url, { workerData: { examples } })
      : new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`, {
          eval: true,
          workerData: { examples },
        });
    let done = false;
    worker.once("message", (file: ModelFile) => {
      done = true;
      resolve(file);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!done) reject(new Error(`training thread exited with code ${code}`));
    });
  });
}
