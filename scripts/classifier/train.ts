import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { trainModel } from "../../src/classifier/model.js";
import { fileSizeMb, readExamplesOrExit } from "./shared.js";

/**
 * `npm run classifier:train -- --data <csv> [--out <model file>] [--install]`
 * Trains on a CSV of id,title,body,label (a district's historic cases labelled by department code
 * or subject field) and writes the model file. --install keeps the cases in the database as the
 * district's history (replacing any imported before) and retrains from seed + history + people's
 * labels, which is what the background and nightly retraining do from then on.
 */
const usage = "usage: npm run classifier:train -- --data <csv> [--out model.json] [--install]";
const { values } = parseArgs({ options: { data: { type: "string" }, out: { type: "string" }, install: { type: "boolean" } } });
const examples = readExamplesOrExit(values.data, usage);

if (values.install) {
  const { loadConfigOrExit } = await import("../../src/config.js");
  const { createCore } = await import("../../src/core.js");
  const core = createCore(loadConfigOrExit());
  try {
    const departments = await core.prisma.department.findMany();
    const codeOf = new Map(departments.flatMap((d) => [[d.code, d.code], ...(d.field ? [[d.field, d.code] as const] : [])]));
    const unknown = [...new Set(examples.map((e) => e.label).filter((l) => !codeOf.has(l)))];
    if (unknown.length) {
      console.error(`labels that name no department (by code or field): ${unknown.slice(0, 5).join(", ")}`);
      process.exit(2);
    }
    await core.classifier.importHistory(examples.map((e) => ({ ...e, label: codeOf.get(e.label)! })));
    console.log(`kept ${examples.length} historic cases in the database; retraining with the seed and people's labels…`);
    const t0 = performance.now();
    const r = await core.classifier.retrain();
    console.log(
      `${r.changed ? "installed" : "kept"} ${r.version} (${r.documents} documents, ${r.labels} labels, ${((performance.now() - t0) / 1000).toFixed(1)} s)` +
        `${r.skipped ? `: ${r.skipped}` : ""}; workers use it within 30 s`,
    );
  } finally {
    await core.close();
  }
} else {
  const out = values.out ?? "model.json";
  console.log(`training on ${examples.length} messages from ${values.data}`);
  const t0 = performance.now();
  const model = trainModel(examples, {
    onProgress: (stage, done, total) => process.stdout.write(`\r  ${stage.padEnd(9)} ${done}/${total}   `),
  });
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(out, JSON.stringify(model));
  console.log(
    `\nmodel ${model.version}: ${model.labels.length} labels, ${model.vocabulary.split("\n").length} features, temperature ${model.temperature.toFixed(2)}, ` +
      `trained and calibrated in ${seconds.toFixed(1)} s, ${fileSizeMb(out).toFixed(2)} MB → ${out}`,
  );
}
