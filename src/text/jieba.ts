import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

let shared: Jieba | undefined;

/**
 * The process's one jieba segmenter (the classifier's tokenizers and the publication's name
 * finder share it: the same dictionary, no state of its own), built on first use. The dictionary
 * is read here rather than through `@node-rs/jieba/dict.js`: that module keeps both its files in
 * memory for good (dict.txt 5 MB and idf.txt 6 MB, never used here) from the moment it is
 * imported, and each `Jieba.withDict` holds its own copy of the words (~40 MB RSS, measured).
 */
export function sharedJieba(): Jieba {
  return (shared ??= Jieba.withDict(readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt"))));
}
