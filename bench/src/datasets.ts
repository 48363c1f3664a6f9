import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledRow } from '@support-bot/core';
import { parse } from 'csv-parse/sync';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = process.env.SUPPORT_BOT_SHARED ?? path.resolve(REPO, '../shared');
export const MODELS_DIR = process.env.SUPPORT_BOT_MODELS ?? path.join(SHARED, 'models');

function csv(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(SHARED, 'datasets', file)), { columns: true, bom: true });
}

/** BANKING77 (CC BY 4.0): 10,003 training and 3,080 test messages over 77 intents. */
export function banking77(): { train: LabelledRow[]; test: LabelledRow[] } {
  const rows = (file: string) =>
    csv(`banking77/${file}`).map((r) => ({ text: r.text!, label: r.category! }));
  return { train: rows('train.csv'), test: rows('test.csv') };
}

export interface CovidFaq {
  faq: { id: string; question: string; answer: string; tags: string[] }[];
  /** Real user questions with their gold FAQ ids (empty = no FAQ answers it). */
  questions: { text: string; gold: string[] }[];
}

/** covid-vaccine-faq (Apache-2.0): 129 FAQ entries, 177 questions with gold ids or -1. */
export function covidFaq(): CovidFaq {
  const faq = csv('covid-vaccine-faq/faq_db.csv').map((r) => ({
    id: `q${r.ID}`,
    question: r.Question!.trim(),
    answer: r.Answer!.trim(),
    tags: r.Category ? [r.Category] : [],
  }));
  const questions = csv('covid-vaccine-faq/validation.csv').map((r) => ({
    text: r.Question!.trim(),
    gold: r
      .Answer!.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '-1' && s !== '')
      .map((s) => `q${s}`),
  }));
  return { faq, questions };
}
