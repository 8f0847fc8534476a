import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { trainModel } from "../../src/classifier/model.js";
import { fileSizeMb, readExamplesOrExit } from "./shared.js";

/**
 * `npm run classifier:train -- --data <csv> [--out <model file>] [--with-labels] [--install]`
 * Trains on a CSV of id,title,body,label (e.g. a district's historic cases labelled by department
 * code or subject field). --with-labels adds every dispatcher's and transfer's label from the
 * database (labels are then all department codes); --install stores the model in the database,
 * where workers pick it up.
 */
const usage = "usage: npm run classifier:train -- --data <csv> [--out model.json] [--with-labels] [--install]";
const { values } = parseArgs({
  options: { data: { type: "string" }, out: { type: "string" }, install: { type: "boolean" }, "with-labels": { type: "boolean" } },
});
let examples = readExamplesOrExit(values.data, usage);
const out = values.out ?? "model.json";
const needsDb = values.install || values["with-labels"];
const core = needsDb
  ? (await import("../../src/core.js")).createCore((await import("../../src/config.js")).loadConfigOrExit())
  : undefined;
try {
  if (core && values["with-labels"]) {
    const departments = await core.prisma.department.findMany();
    const codeOf = new Map(departments.flatMap((d) => [[d.code, d.code], ...(d.field ? [[d.field, d.code] as const] : [])]));
    const unknown = [...new Set(examples.map((e) => e.label).filter((l) => !codeOf.has(l)))];
    if (unknown.length) {
      console.error(`labels that name no department (by code or field): ${unknown.slice(0, 5).join(", ")}`);
      process.exit(2);
    }
    const labelled = await core.classifier.labelledExamples();
    examples = [...examples.map((e) => ({ ...e, label: codeOf.get(e.label)! })), ...labelled];
    console.log(`with ${labelled.length} labels from dispatchers and transfers`);
  }
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
  if (core && values.install) {
    await core.classifier.install(model, "file");
    console.log(`installed ${model.version}; workers use it within 30 s`);
  }
} finally {
  await core?.close();
}
