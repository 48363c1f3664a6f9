/** Prints a markdown table (what the README quotes). */
export function printTable(title: string, header: string[], rows: (string | number)[][]): string {
  const lines = [
    `\n### ${title}\n`,
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  const text = lines.join('\n');
  process.stdout.write(`${text}\n`);
  return text;
}

export const pct = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : (100 * x).toFixed(digits);

export function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(
    values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1),
  );
  return { mean, std };
}

export function quantileOf(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const p = (s.length - 1) * q;
  const lo = Math.floor(p);
  return s[lo]! + (s[Math.ceil(p)]! - s[lo]!) * (p - lo);
}
