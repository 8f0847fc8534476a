import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Example, ModelFile } from "./model.js";

/**
 * Trains a model in a child process. Training takes seconds of CPU (7 s on the full seed file,
 * more under load); on the event loop it would stop a workers process from renewing its BullMQ job
 * locks for that long, and other processes would take its jobs as stalled and run them twice.
 * A process rather than a worker thread, for memory: the thread's own jieba dictionary and
 * training buffers were freed when it ended but stayed in the workers process's malloc arenas
 * (RSS +40 MB for good after one training, measured), while a child's memory goes back to the
 * system when it exits. From the bundle (dist/workers.mjs) the child runs dist/train-thread.mjs;
 * from source (tsx, vitest) it runs train-thread.ts through tsx.
 */
export function trainInChild(examples: Example[]): Promise<ModelFile> {
  const bundled = import.meta.url.endsWith(".mjs");
  const entry = fileURLToPath(new URL(bundled ? "./train-thread.mjs" : "./train-thread.ts", import.meta.url));
  // Not the parent's heap flags (the workers' small young generation would slow the training's
  // garbage collection): source maps only, and tsx when running from source.
  const execArgv = [...process.execArgv.filter((f) => f === "--enable-source-maps"), ...(bundled ? [] : ["--import", "tsx"])];
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], { execArgv, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let done = false;
    child.once("message", (file) => {
      done = true;
      resolve(file as ModelFile);
    });
    child.once("error", (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
    child.once("exit", (code, signal) => {
      if (!done) reject(new Error(`training process exited with ${signal ?? `code ${code}`}`));
      done = true;
    });
    child.send({ examples });
  });
}
