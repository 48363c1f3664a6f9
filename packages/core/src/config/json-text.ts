import {
  findNodeAtLocation,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { type ConfigIssue, ErrorCode, SupportBotError } from '../errors.js';

/** Deepest nesting of arrays and objects a bot file may have (a real one is about 6 deep). */
export const MAX_JSON_DEPTH = 64;

type Segment = string | number;

/** A bot file's text, parsed: the syntax tree (for locations) and the plain value. */
export interface JsonText {
  tree: Node;
  data: unknown;
  lines: LineIndex;
  /** Keys that appear twice in one object; `JSON.parse` keeps only the last value. */
  duplicateKeys: ConfigIssue[];
}

/**
 * Parses strict JSON (no comments or trailing commas). A leading byte-order mark is ignored.
 * @throws {SupportBotError} `CONFIG_PARSE` with line and column, also for nesting deeper than
 *   {@link MAX_JSON_DEPTH} (checked before parsing, so a hostile file cannot overflow the stack).
 */
export function parseJsonText(input: string, source: string | undefined): JsonText {
  // Editors do not count a byte-order mark as a column, so neither do we.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new LineIndex(text);
  const fail = (why: string, offset: number | undefined): never => {
    const { line, column } = offset === undefined ? { line: 1, column: 1 } : lines.at(offset);
    throw new SupportBotError(
      ErrorCode.CONFIG_PARSE,
      `Failed to parse the bot config${source ? ` ${source}` : ''}: ${why} at line ${line}, column ${column}. Please make it valid JSON (no comments or trailing commas).`,
      { issues: [{ path: '', message: why, line, column }] },
    );
  };
  const tooDeep = nestingBeyond(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined)
    fail(`arrays and objects are nested more than ${MAX_JSON_DEPTH} levels deep`, tooDeep);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first) fail(describeParseError(printParseErrorCode(first.error)), first.offset);
  if (!tree) return fail('the file is empty', undefined);
  return { tree, data: JSON.parse(text), lines, duplicateKeys: duplicateKeys(tree, lines) };
}

/** Offset of the first bracket that opens level `max + 1`, or `undefined`. Linear, no recursion. */
function nestingBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: "expected ':'",
    CommaExpected: "expected ',' between items",
    CloseBraceExpected: "expected '}'",
    CloseBracketExpected: "expected ']'",
    EndOfFileExpected: 'unexpected content after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

/** Line starts of a text, computed once, so each lookup is a binary search. */
export class LineIndex {
  private readonly _starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
      this._starts.push(i + 1);
  }

  /** 1-based line and column of a character offset. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this._starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this._starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this._starts[lo]! + 1 };
  }
}

/** Every key that repeats in its object, reported at the repeat. Iterative (no recursion). */
function duplicateKeys(root: Node, lines: LineIndex): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const stack: { node: Node; path: Segment[] }[] = [{ node: root, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path } = item;
    if (node.type === 'array') {
      node.children?.forEach((child, i) => {
        stack.push({ node: child, path: [...path, i] });
      });
    } else if (node.type === 'object') {
      const first = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const [keyNode, value] = property.children ?? [];
        if (!keyNode) continue;
        const key = String(keyNode.value);
        const earlier = first.get(key);
        if (earlier) {
          const { line, column } = lines.at(keyNode.offset);
          issues.push({
            path: formatPath([...path, key]),
            message: `duplicate key "${key}" (first at line ${lines.at(earlier.offset).line}); JSON keeps only the last one, so please merge them`,
            line,
            column,
          });
        } else first.set(key, keyNode);
        if (value) stack.push({ node: value, path: [...path, key] });
      }
    }
  }
  return issues.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
}

/** Adds line and column to each issue that has none, from its JSON path. */
export function locateIssues(issues: readonly ConfigIssue[], text: JsonText): void {
  for (const issue of issues) {
    if (issue.line !== undefined) continue;
    const segments = parsePath(issue.path);
    // Walk up until a node exists (a missing property is reported at its parent object).
    for (let n = segments.length; n >= 0; n--) {
      const node = findNodeAtLocation(text.tree, segments.slice(0, n));
      if (!node) continue;
      // For a property, point at its key rather than its value.
      const at = node.parent?.type === 'property' && n === segments.length ? node.parent : node;
      Object.assign(issue, text.lines.at(at.offset));
      break;
    }
  }
}

/** `['intents', 3, 'examples']` -> `intents[3].examples` */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += /^[A-Za-z_$][\w$]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Inverse of {@link formatPath}. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(`"${m[3]}"`));
    else if (m[1] !== undefined) segments.push(m[1]);
  }
  return segments;
}
