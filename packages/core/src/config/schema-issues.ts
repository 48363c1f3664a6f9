import type { ConfigIssue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { formatPath } from './json-text.js';
import { hints, properties } from './validate-bot-schema.generated.js';

type Segment = string | number;

/** The shape of one error from the generated (ajv) validator. */
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns the validator's errors into issues that name the path and say what is expected. */
export function schemaIssues(errors: readonly AjvError[], data: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  // Unknown keys by object, so a "required" error can tell it is explained by a typo in O(1).
  const unknownKeys = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const keys = unknownKeys.get(e.instancePath) ?? [];
    keys.push(String(e.params.additionalProperty));
    unknownKeys.set(e.instancePath, keys);
  }
  for (const error of errors) {
    // if/then/else wrappers only repeat their branch's errors.
    if (error.keyword === 'if') continue;
    let segments = pointerToSegments(error.instancePath);
    let message: string;
    const p = error.params;
    const got = () => describeValue(valueAt(data, segments));
    switch (error.keyword) {
      case 'required': {
        const missing = String(p.missingProperty);
        // "unknown property exmples (did you mean examples?)" already explains the missing one.
        const typos = unknownKeys.get(error.instancePath) ?? [];
        if (typos.some((key) => didYouMean(key, [missing]) === missing)) continue;
        segments = [...segments, missing];
        message = 'is required';
        break;
      }
      case 'additionalProperties': {
        const key = String(p.additionalProperty);
        segments = [...segments, key];
        const suggestion = didYouMean(key, allowedProperties(error.schemaPath));
        message = `unknown property "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
        break;
      }
      case 'type': {
        const expected = String(p.type)
          .split(',')
          .map((t) => (t === 'object' || t === 'array' || t === 'integer' ? `an ${t}` : `a ${t}`))
          .join(' or ');
        message = `must be ${expected} (got ${typeName(valueAt(data, segments))})`;
        break;
      }
      case 'minItems':
        message = `must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
        break;
      case 'maxItems':
        message = `must have at most ${p.limit} items (got ${arrayLength(valueAt(data, segments))})`;
        break;
      case 'minLength':
        message = p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters`;
        break;
      case 'maxLength':
        message = `must be at most ${p.limit} characters`;
        break;
      case 'pattern':
        message = `${hints[error.schemaPath.replace(/\/pattern$/, '') as keyof typeof hints] ?? `must match ${p.pattern}`} (got ${got()})`;
        break;
      case 'enum':
        message = `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${got()})`;
        break;
      case 'const':
        message = `must be ${JSON.stringify(p.allowedValue)} (got ${got()})`;
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        message = `must be ${BOUND_WORDS[String(p.comparison)] ?? p.comparison} ${p.limit} (got ${got()})`;
        break;
      default:
        message = error.message ?? `fails ${error.keyword}`;
    }
    const path = formatPath(segments);
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A blank string reports both minLength and pattern; keep the clearer one.
    if (error.keyword === 'pattern' && seen.has(`${path}\u0000must not be empty`)) continue;
    issues.push({ path, message });
  }
  return issues;
}

const BOUND_WORDS: Record<string, string> = {
  '>=': 'at least',
  '<=': 'at most',
  '>': 'greater than',
  '<': 'less than',
};

/** `/intents/3/examples` -> `['intents', 3, 'examples']` */
function pointerToSegments(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, segments: readonly Segment[]): unknown {
  let node: unknown = data;
  for (const s of segments) node = (node as Record<string | number, unknown> | undefined)?.[s];
  return node;
}

function arrayLength(value: unknown): number | string {
  return Array.isArray(value) ? value.length : '?';
}

/** "an object", "a string", "null", ... as in "got an object". */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (Number.isInteger(value)) return 'an integer';
  return `a ${typeof value}`;
}

/** A short quote of a scalar (first 60 characters) or the type of anything else. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeName(value);
}

/** Property names the schema allows at a schema path (for did-you-mean). */
function allowedProperties(schemaPath: string): string[] {
  const objectPath = schemaPath.replace(/\/additionalProperties$/, '').replace(/%24/g, '$');
  return (properties as Record<string, string[]>)[objectPath] ?? [];
}
