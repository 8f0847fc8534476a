import { readFileSync, statSync } from "node:fs";
import { CsvError, readExamples } from "../../src/classifier/csv.js";
import { parseModelFile, type Example, type ModelFile } from "../../src/classifier/model.js";

/** Reads a labelled CSV or exits with one line saying what is wrong (and on which line). */
export function readExamplesOrExit(path: string | undefined, usage: string): Example[] {
  if (!path) {
    console.error(`--data <csv> is required\n${usage}`);
    process.exit(2);
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    console.error(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    process.exit(2);
  }
  try {
    return readExamples(text);
  } catch (err) {
    if (err instanceof CsvError) {
      console.error(`${path}: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

export function readModelOrExit(path: string): ModelFile {
  try {
    return parseModelFile(readFileSync(path, "utf8"));
  } catch (err) {
    console.error(`cannot read model ${path}: ${(err as Error).message}`);
    process.exit(2);
  }
}

export function fileSizeMb(path: string): number {
  return statSync(path).size / 1024 / 1024;
}
