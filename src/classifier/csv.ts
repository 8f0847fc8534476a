import type { Example } from "./model.js";

export class CsvError extends Error {}

/** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes and newlines. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== "") throw new CsvError(`line ${line}: a quote inside an unquoted field`);
      quoted = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== "") records.push({ line: start, fields });
      fields = [];
      field = "";
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) throw new CsvError(`line ${start}: a quoted field is never closed`);
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return records;
}

/** Reads labelled examples from CSV with the header id,title,body,label. Errors name the line. */
export function readExamples(text: string): Example[] {
  const records = parseCsv(text);
  if (records.length === 0) throw new CsvError("the file is empty");
  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new CsvError(`line 1: the header needs the columns id,title,body,label (got ${header.join(",")})`);
    return i;
  };
  const [ti, bi, li] = [col("title"), col("body"), col("label")];
  col("id");
  return records.slice(1).map(({ line, fields }) => {
    if (fields.length !== header.length) {
      throw new CsvError(`line ${line}: expected ${header.length} fields, got ${fields.length}`);
    }
    const label = fields[li].trim();
    if (!label) throw new CsvError(`line ${line}: the label is empty`);
    if (!fields[ti].trim() && !fields[bi].trim()) throw new CsvError(`line ${line}: both title and body are empty`);
    return { title: fields[ti], body: fields[bi], label };
  });
}
