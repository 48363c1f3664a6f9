import { readFile } from 'node:fs/promises';
import type { LabelledRow } from '@support-bot/core';
import { ErrorCode, SupportBotError } from '@support-bot/core';
import { parse } from 'csv-parse/sync';

/**
 * Reads a CSV with a header row and columns `text` and `label` (or `category`, as BANKING77
 * names it). Empty texts are errors, with the line number.
 */
export async function readLabelledCsv(path: string): Promise<LabelledRow[]> {
  let records: Record<string, string>[];
  try {
    records = parse(await readFile(path, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (cause) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to read ${path}: ${(cause as Error).message}. Please give a CSV file with a header row and columns "text" and "label".`,
      { cause },
    );
  }
  const first = records[0];
  const labelColumn =
    first && ('label' in first ? 'label' : 'category' in first ? 'category' : undefined);
  if (!first || !('text' in first) || !labelColumn) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to read ${path}: ${first ? `its columns are ${Object.keys(first).join(', ')}` : 'it has no data rows'}. Please give columns "text" and "label" (or "category").`,
    );
  }
  return records.map((record, i) => {
    const text = record.text ?? '';
    const label = record[labelColumn] ?? '';
    if (!text || !label) {
      throw new SupportBotError(
        ErrorCode.DATA_INVALID,
        `Failed to read ${path}: row ${i + 2} has an empty ${text ? 'label' : 'text'}. Please fill it in or remove the row.`,
      );
    }
    return { text, label };
  });
}
