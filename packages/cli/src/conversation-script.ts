import type { SupportBot } from '@support-bot/core';
import {
  type ActionOutcome,
  type ActionRequest,
  createConversation,
  type TurnResult,
} from '@support-bot/core/dialogue';
import { parse as parseYaml } from 'yaml';

/** What one turn expects; every key is optional. */
export interface TurnExpectation {
  user: string;
  /** The intent the turn's last reply belongs to, `faq:<id>`, `fallback` or `escalate`. */
  intent?: string;
  /** Kind of the last reply: answer, ask, confirm, result, action_error, not_found, cancelled, declined, gave_up. */
  kind?: string;
  /** Slot values after the turn (or those sent to the action run in this turn). */
  slots?: Record<string, string | number>;
  /** The action that must run in this turn (handler name, or the intent id of a webhook), or `none`. */
  action?: string;
  /** A substring of the replies (case-insensitive), or `/regex/flags`. */
  bot?: string;
}

/** An action fixture: which slots it answers, and with what. */
export interface ActionFixture {
  when?: Record<string, string | number>;
  data?: Record<string, unknown>;
  text?: string;
  notFound?: boolean;
  /** An HTTP status, `timeout`, or a message: the action fails. */
  error?: number | string;
}

export interface ConversationScript {
  /** Reference time for relative dates (ISO). */
  now?: string;
  actions: Record<string, ActionFixture[]>;
  conversations: { name: string; turns: TurnExpectation[] }[];
}

/** One failed expectation. */
export interface TurnFailure {
  turn: number;
  user: string;
  reasons: string[];
  replies: string[];
}

/**
 * Reads a conversations file (YAML or JSON): `now`, `actions` (fixtures by handler name or
 * webhook intent id) and `conversations` (each a `name` and `turns`).
 * @throws {Error} with the path of the first problem.
 */
export function parseConversationScript(text: string, source: string): ConversationScript {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new Error(`${source}: not valid YAML: ${(error as Error).message}`);
  }
  const fail = (path: string, why: string): never => {
    throw new Error(`${source}: ${path}: ${why}`);
  };
  if (typeof data !== 'object' || data === null) fail('(root)', 'must be a mapping');
  const root = data as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (!['now', 'actions', 'conversations', 'bot'].includes(key))
      fail(key, 'unknown key (expected now, actions, conversations)');
  }
  if (root.now !== undefined && Number.isNaN(Date.parse(String(root.now))))
    fail('now', 'must be a date-time such as 2026-12-02T10:00:00');
  const actions = (root.actions ?? {}) as Record<string, ActionFixture[]>;
  for (const [name, list] of Object.entries(actions)) {
    if (!Array.isArray(list)) fail(`actions.${name}`, 'must be a list of fixtures');
  }
  if (!Array.isArray(root.conversations) || root.conversations.length === 0)
    fail('conversations', 'must be a non-empty list');
  const conversations = root.conversations as ConversationScript['conversations'];
  conversations.forEach((c, i) => {
    if (typeof c?.name !== 'string') fail(`conversations[${i}].name`, 'is required');
    if (!Array.isArray(c.turns) || c.turns.length === 0)
      fail(`conversations[${i}].turns`, 'must be a non-empty list');
    c.turns.forEach((t, j) => {
      const path = `conversations[${i}].turns[${j}]`;
      if (typeof t?.user !== 'string' || !t.user.trim()) fail(`${path}.user`, 'is required');
      for (const key of Object.keys(t)) {
        if (!['user', 'intent', 'kind', 'slots', 'action', 'bot'].includes(key))
          fail(`${path}.${key}`, 'unknown key (expected user, intent, kind, slots, action, bot)');
      }
    });
  });
  return {
    ...(root.now !== undefined && { now: String(root.now) }),
    actions,
    conversations,
  };
}

/** The name fixtures use for an action: the handler's name, or the webhook intent's id. */
export function actionName(request: ActionRequest): string {
  return request.action.handler ?? request.intent;
}

/** The fixture answer for an action request (the first fixture whose `when` matches). */
export function answerFromFixtures(
  fixtures: Record<string, ActionFixture[]>,
  request: ActionRequest,
): ActionOutcome {
  const name = actionName(request);
  const fixture = (fixtures[name] ?? []).find((f) =>
    Object.entries(f.when ?? {}).every(([k, v]) => String(request.slots[k]) === String(v)),
  );
  if (!fixture) {
    return {
      ok: false,
      failure: 'error',
      message: `no fixture for action "${name}" with slots ${JSON.stringify(request.slots)}`,
    };
  }
  if (fixture.error !== undefined) {
    return {
      ok: false,
      failure:
        fixture.error === 'timeout'
          ? 'timeout'
          : typeof fixture.error === 'number'
            ? 'http'
            : 'error',
      message: String(fixture.error),
    };
  }
  return {
    ok: true,
    result: {
      ...(fixture.data && { data: fixture.data }),
      ...(fixture.text !== undefined && { text: fixture.text }),
      ...(fixture.notFound && { notFound: true }),
    },
  };
}

/** The label of a turn: the last reply's intent, `faq:<id>`, or its kind for fallbacks. */
export function turnIntent(turn: TurnResult): string | undefined {
  const last = turn.replies.at(-1);
  if (!last) return undefined;
  if (last.kind === 'answer' && last.reply) {
    if (last.reply.kind === 'faq') return `faq:${last.reply.faq!.id}`;
    if (last.reply.kind !== 'intent') return last.reply.kind;
  }
  return last.intent;
}

/** Plays one conversation turn by turn; the failures, or `[]` when every turn passed. */
export async function playConversation(
  bot: SupportBot,
  script: ConversationScript,
  turns: readonly TurnExpectation[],
): Promise<TurnFailure[]> {
  const now = script.now ? new Date(script.now) : undefined;
  const conversation = createConversation({
    bot,
    ...(now && { now: () => now }),
    runAction: async (request) => answerFromFixtures(script.actions, request),
  });
  const failures: TurnFailure[] = [];
  for (const [i, expected] of turns.entries()) {
    const turn = await conversation.send(expected.user);
    const reasons: string[] = [];
    const texts = turn.replies.map((r) => r.text);
    const intent = turnIntent(turn);
    if (expected.intent !== undefined && intent !== expected.intent)
      reasons.push(`expected intent ${expected.intent}, got ${intent ?? '(no reply)'}`);
    const kind = turn.replies.at(-1)?.kind;
    if (expected.kind !== undefined && kind !== expected.kind)
      reasons.push(`expected a reply of kind ${expected.kind}, got ${kind ?? '(none)'}`);
    const slots: Record<string, string | number> = turn.action
      ? turn.action.request.slots
      : Object.fromEntries(
          Object.entries(conversation.state.form?.slots ?? {}).map(([k, v]) => [k, v.value]),
        );
    for (const [name, value] of Object.entries(expected.slots ?? {})) {
      if (String(slots[name]) !== String(value))
        reasons.push(`expected slot ${name} = ${value}, got ${slots[name] ?? '(empty)'}`);
    }
    if (expected.action !== undefined) {
      const ran = turn.action ? actionName(turn.action.request) : 'none';
      if (ran !== expected.action) reasons.push(`expected action ${expected.action}, got ${ran}`);
      if (turn.action && !turn.action.outcome.ok && /^no fixture/.test(turn.action.outcome.message))
        reasons.push(turn.action.outcome.message);
    }
    if (expected.bot !== undefined && !matchesText(texts.join('\n'), expected.bot))
      reasons.push(
        `expected the reply to ${expected.bot.startsWith('/') ? 'match' : 'contain'} ${JSON.stringify(expected.bot)}`,
      );
    if (reasons.length > 0)
      failures.push({ turn: i + 1, user: expected.user, reasons, replies: texts });
  }
  return failures;
}

function matchesText(text: string, expected: string): boolean {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(expected);
  if (re) return new RegExp(re[1]!, re[2]!.includes('i') ? re[2] : `${re[2]}i`).test(text);
  return text.toLowerCase().includes(expected.toLowerCase());
}
