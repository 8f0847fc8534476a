import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { trainModel } from "../../src/classifier/model.js";
import { fileSizeMb, readExamplesOrExit } from "./shared.js";

/**
 * `npm run classifier:train -- --data <csv> [--out <model file>] [--install]`
 * Trains on a CSV of id,title,body,label (e.g. a district's historic cases labelled by department
 * code or subject field). --install stores the model in the database, where workers pick it up.
 */
const usage = "usage: npm run classifier:train -- --data <csv> [--out model.json] [--install]";
const { values } = parseArgs({ options: { data: { type: "string" }, out: { type: "string" }, install: { type: "boolean" } } });
const examples = readExamplesOrExit(values.data, usage);
const out = values.out ?? "model.json";
console.log(`training on ${examples.length} messages from ${values.data}`);
const t0 = performance.now();
const model = trainModel(examples, {
  onProgress: (stage, done, total) => process.stdout.write(`\r  ${stage.padEnd(9)} ${done}/${total}   `),
});
const seconds = (performance.now() - t0) / 1000;
writeFileSync(out, JSON.stringify(model));
console.log(
  `\nmodel ${model.version}: ${model.labels.length} labels, ${model.vocabulary.split("\n").length} features, ` +
    `trained in ${seconds.toFixed(1)} s, ${fileSizeMb(out).toFixed(2)} MB → ${out}`,
);
if (values.install) {
  const { loadConfigOrExit } = await import("../../src/config.js");
  const { createCore } = await import("../../src/core.js");
  const core = createCore(loadConfigOrExit());
  try {
    await core.classifier.install(model, "file");
    console.log(`installed ${model.version}; workers use it within 30 s`);
  } finally {
    await core.close();
  }
}
