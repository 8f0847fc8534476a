import { readFileSync } from "node:fs";
import { loadConfig } from "../../src/config.js";
import { createCore } from "../../src/core.js";
import { loadModel, parseModelFile } from "../../src/classifier/model.js";
import { SEED_CORPUS } from "../../src/classifier/seed-corpus.js";

// Child of bench.ts: a process shaped like a worker (core + model), reporting its memory as JSON.
const [modelPath] = process.argv.slice(2);
const core = createCore(loadConfig({ ...process.env, LOG_LEVEL: "silent" }));
const model = loadModel(parseModelFile(readFileSync(modelPath, "utf8")));
for (let round = 0; round < 5; round++) for (const e of SEED_CORPUS) model.classify(e.title, e.body);
await core.prisma.department.count();
global.gc?.();
const m = process.memoryUsage();
process.stdout.write(JSON.stringify({ rssMb: m.rss / 1024 / 1024, heapMb: m.heapUsed / 1024 / 1024 }));
await core.close();
