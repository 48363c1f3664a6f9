import { ErrorCode, SupportBotError } from '../errors.js';
import { type FeedbackReport, validateFeedbackReport } from '../protocol/feedback-report.js';

export type { FeedbackKind, FeedbackReport } from '../protocol/feedback-report.js';

/**
 * Checks the shape of a report; returns why it is invalid (`field: what is expected`), or
 * `undefined` when it is fine.
 */
export function feedbackReportProblem(value: unknown): string | undefined {
  const result = validateFeedbackReport(value);
  if (result.ok) return undefined;
  return result.issues.map((i) => (i.field ? `${i.field} ${i.message}` : i.message)).join('; ');
}

/**
 * Reports in store order with retried copies (same `id`) dropped: a report the browser sent
 * again after a failure may have been stored twice.
 */
export function uniqueReports(reports: Iterable<FeedbackReport>): FeedbackReport[] {
  const seen = new Set<string>();
  const out: FeedbackReport[] = [];
  for (const r of reports) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

/**
 * Parses a JSON-lines feedback store. Blank lines are skipped; a malformed line is an error
 * naming its line number (nothing is silently dropped). Retried copies of a report are dropped.
 */
export function parseFeedbackLines(text: string, source = 'feedback'): FeedbackReport[] {
  const reports: FeedbackReport[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new SupportBotError(
        ErrorCode.DATA_INVALID,
        `Failed to read ${source}: line ${i + 1} is not JSON (${(cause as Error).message}). Please fix or remove that line.`,
      );
    }
    const result = validateFeedbackReport(value);
    if (!result.ok) {
      const problem = result.issues
        .map((issue) => (issue.field ? `${issue.field} ${issue.message}` : issue.message))
        .join('; ');
      throw new SupportBotError(
        ErrorCode.DATA_INVALID,
        `Failed to read ${source}: line ${i + 1}: ${problem}. Please fix or remove that line.`,
      );
    }
    reports.push(result.value);
  });
  return uniqueReports(reports);
}
