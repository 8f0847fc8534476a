import { parentPort, workerData } from "node:worker_threads";
import { trainModel, type Example } from "./model.js";

// The body of trainInThread (train-off-loop.ts): trains on the examples it was given and posts
// the model file back. Bundled as dist/train-thread.mjs (scripts/build.ts).
const { examples } = workerData as { examples: Example[] };
parentPort!.postMessage(trainModel(examples));
