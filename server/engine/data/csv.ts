import type { Split } from "./dataset";
import { DataError } from "./errors";

/** One CSV record with the 1-based line it starts on, for error messages. */
interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/**
 * Splits CSV text (RFC 4180: comma separated, "quoted" fields with "" for a quote, LF or CRLF)
 * into records, skipping blank lines. `where` names the file in errors.
 */
export function parseCsvRecords(text: string, where: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === "" && !fieldStarted))
      records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === "") {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
      field = "";
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      fieldStarted = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new DataError(`${where}:${quoteLine}`, "unterminated quoted field");
  if (field !== "" || fields.length > 0 || fieldStarted) endRecord();
  return records;
}

export interface CsvExamples {
  readonly featureNames: string[];
  /** Class names in class-index order: the distinct labels, sorted (numerically when all are numbers). */
  readonly classNames: string[];
  readonly split: Split;
}

/**
 * Reads a tabular dataset: a header row, then one example per row; every column but `labelColumn`
 * is a numeric feature. Errors name the file, line and column.
 */
export function examplesFromCsv(text: string, labelColumn: string, where: string): CsvExamples {
  const records = parseCsvRecords(text.replace(/^\uFEFF/, ""), where);
  if (records.length === 0) throw new DataError(where, "empty CSV file: expected a header row");
  const header = records[0].fields.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === "")
      throw new DataError(`${where}:${records[0].line}`, `column ${i + 1} of the header has no name`);
    if (seen.has(name)) throw new DataError(`${where}:${records[0].line}`, `duplicate column name "${name}"`);
    seen.add(name);
  });
  const labelIndex = header.indexOf(labelColumn);
  if (labelIndex < 0) {
    throw new DataError(
      `${where}:${records[0].line}`,
      `no label column "${labelColumn}"; the columns are ${header.map((h) => `"${h}"`).join(", ")}`,
    );
  }
  if (header.length < 2)
    throw new DataError(`${where}:${records[0].line}`, "no feature columns besides the label");
  const rows = records.slice(1);
  if (rows.length === 0) throw new DataError(where, "no data rows after the header");

  const featureCount = header.length - 1;
  const features = new Float32Array(rows.length * featureCount);
  const rawLabels: string[] = [];
  rows.forEach(({ line, fields }, r) => {
    if (fields.length !== header.length) {
      throw new DataError(`${where}:${line}`, `${fields.length} fields, the header has ${header.length}`);
    }
    let f = 0;
    fields.forEach((text, c) => {
      const value = text.trim();
      if (c === labelIndex) {
        if (value === "")
          throw new DataError(`${where}:${line}:${c + 1}`, `empty label in column "${header[c]}"`);
        rawLabels.push(value);
        return;
      }
      const number = value === "" ? NaN : Number(value);
      if (!Number.isFinite(number)) {
        throw new DataError(
          `${where}:${line}:${c + 1}`,
          `column "${header[c]}" must be a finite number, found ${JSON.stringify(text)}`,
        );
      }
      features[r * featureCount + f++] = number;
    });
  });

  const classNames = sortedLabels(rawLabels);
  const indexOf = new Map(classNames.map((name, i) => [name, i]));
  const labels = Int32Array.from(rawLabels, (l) => indexOf.get(l) ?? -1);
  return {
    featureNames: header.filter((_, i) => i !== labelIndex),
    classNames,
    split: { count: rows.length, features, labels },
  };
}

function sortedLabels(labels: string[]): string[] {
  const distinct = [...new Set(labels)];
  const numeric = distinct.every((l) => Number.isFinite(Number(l)));
  return numeric
    ? distinct.sort((a, b) => Number(a) - Number(b))
    : distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
