/**
 * `pnpm bench`: accuracy and speed on public data through the product's code path, printed as
 * markdown tables (the README quotes them). Options:
 *   --only intents,oos,faq,speed   sections to run (default: all)
 *   --models a,b                   English models (default: the three in ../shared/models and
 *                                  the joined 'all-MiniLM-L6-v2+bge-small-en-v1.5'; out-of-scope
 *                                  runs on the first only)
 *   --seeds 5                      seeds for 10-shot and out-of-scope runs
 *   --oos-alternatives             also compare other out-of-scope scores by AUROC (slower)
 * Embeddings are cached in bench/.cache (delete it to re-embed). Results also go to
 * bench/results/latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CachedEncoder } from './cached-encoder.js';
import { REPO } from './datasets.js';
import { faqBench } from './faq-bench.js';
import { intentBench } from './intent-bench.js';
import { oosBench } from './oos-bench.js';
import { speedBench } from './speed-bench.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'intents,oos,faq,speed' },
    models: {
      type: 'string',
      default:
        'Xenova/all-MiniLM-L6-v2,Xenova/bge-small-en-v1.5,Xenova/e5-small-v2,all-MiniLM-L6-v2+bge-small-en-v1.5',
    },
    seeds: { type: 'string', default: '5' },
    'oos-alternatives': { type: 'boolean', default: false },
  },
});
const sections = new Set(values.only.split(','));
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const encoders = await Promise.all(values.models.split(',').map((m) => CachedEncoder.create(m)));

const header = `Benchmarks, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}; models q8 from ../shared/models`;
process.stdout.write(`## ${header}\n`);
const out: string[] = [`## ${header}`];
try {
  if (sections.has('intents')) out.push(...(await intentBench(encoders, seeds)));
  if (sections.has('oos'))
    out.push(
      ...(await oosBench(encoders.slice(0, 1), seeds.slice(0, 3), 10, values['oos-alternatives'])),
    );
  if (sections.has('faq')) out.push(...(await faqBench(encoders)));
  if (sections.has('speed')) out.push(...(await speedBench(encoders)));
} finally {
  for (const e of encoders) await e.dispose();
  mkdirSync(path.join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(REPO, 'bench', 'results', 'latest.md'), `${out.join('\n')}\n`);
}
