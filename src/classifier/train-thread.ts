import { trainModel, type Example } from "./model.js";

// The body of trainInChild (train-off-loop.ts), run as a child process: trains on the examples
// the parent sends and sends the model file back, then exits (its memory goes back to the system).
// Bundled as dist/train-thread.mjs (scripts/build.ts).
process.once("message", (msg: { examples: Example[] }) => {
  const file = trainModel(msg.examples);
  process.send!(file, () => process.connected && process.disconnect());
});
