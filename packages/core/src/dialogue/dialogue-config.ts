import { didYouMean } from '../config/did-you-mean.js';
import type { ConfigIssue } from '../errors.js';
import {
  type BotResponse,
  BUILTIN_ENTITIES,
  type DialogueConfig,
  type EntityConfig,
  type IntentConfig,
} from '../types.js';

/** The bot file's entity as written (before defaults). */
export interface RawEntity {
  description?: string;
  regex?: string;
  flags?: string;
  uppercase?: boolean;
  values?: (string | { value: string; label?: string; synonyms?: string[] })[];
  fuzzy?: boolean;
  semantic?: boolean;
  threshold?: number;
}

/** The dialogue keys of an intent as written. */
export interface RawFormIntent {
  id: string;
  response: string | { text: string };
  answer?: string | { text: string };
  slots?: {
    name: string;
    entity: string;
    required?: boolean;
    prompt?: string;
    reprompt?: string;
  }[];
  confirm?: string;
  action?: {
    handler?: string;
    webhook?: { url: string; method?: 'GET' | 'POST'; timeout?: number; allowedOrigins?: string[] };
    onError?: string;
    onNotFound?: string;
  };
}

export interface RawDialogueKeys {
  entities?: Record<string, RawEntity>;
  intents?: RawFormIntent[];
  dialogue?: Partial<DialogueConfig>;
}

/** `{order}`, `{result.status}`, `{result.items.0.name}` */
export const PLACEHOLDER_RE = /\{([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\}/g;

const ENTITY_NAME_RE = /^[a-z][a-z0-9_]*$/;

/**
 * Cross-field rules for entities, slots, confirmations and actions, each issue with its JSON path:
 * an entity is either `regex` or `values`, its regex compiles, slot entities and template
 * placeholders exist (with did-you-mean), required slots have a prompt, an action is a handler or
 * a webhook, and a webhook's absolute URL is listed in its `allowedOrigins`.
 */
export function dialogueIssues(raw: RawDialogueKeys): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const entities = raw.entities ?? {};
  const known = new Set<string>([...BUILTIN_ENTITIES, ...Object.keys(entities)]);
  for (const [name, entity] of Object.entries(entities)) {
    // The same path syntax as schema errors: `entities.order` or `entities["Order no"]`.
    const path = /^[A-Za-z_$][\w$]*$/.test(name)
      ? `entities.${name}`
      : `entities[${JSON.stringify(name)}]`;
    if (!ENTITY_NAME_RE.test(name)) {
      issues.push({
        path,
        message: `entity name "${name}" must be lowercase letters, digits and "_" starting with a letter`,
      });
    }
    if ((BUILTIN_ENTITIES as readonly string[]).includes(name)) {
      issues.push({ path, message: `"${name}" is a built-in entity; please choose another name` });
    }
    const hasRegex = entity.regex !== undefined;
    const hasValues = entity.values !== undefined;
    if (hasRegex === hasValues) {
      issues.push({ path, message: 'must have exactly one of "regex" or "values"' });
      continue;
    }
    if (hasRegex) {
      try {
        new RegExp(entity.regex!, (entity.flags ?? 'iu').replace(/[gy]/g, ''));
      } catch (error) {
        issues.push({
          path: `${path}.regex`,
          message: `is not a valid regular expression: ${(error as Error).message}`,
        });
      }
      for (const key of ['fuzzy', 'semantic', 'threshold'] as const) {
        if (entity[key] !== undefined)
          issues.push({ path: `${path}.${key}`, message: 'applies to "values" entities only' });
      }
    } else {
      const seen = new Map<string, number>();
      entity.values!.forEach((v, i) => {
        const words = typeof v === 'string' ? [v] : [v.value, ...(v.synonyms ?? [])];
        for (const word of words) {
          const key = word.trim().toLowerCase();
          const first = seen.get(key);
          if (first !== undefined && first !== i) {
            issues.push({
              path: `${path}.values[${i}]`,
              message: `"${word}" is also used by ${path}.values[${first}]; a word must name one value`,
            });
          } else seen.set(key, i);
        }
      });
    }
  }
  (raw.intents ?? []).forEach((intent, i) => {
    const path = `intents[${i}]`;
    const slots = intent.slots ?? [];
    const names = new Set<string>();
    slots.forEach((slot, j) => {
      if (names.has(slot.name)) {
        issues.push({ path: `${path}.slots[${j}].name`, message: `duplicate slot "${slot.name}"` });
      }
      names.add(slot.name);
      if (!known.has(slot.entity)) {
        const hint = didYouMean(slot.entity, known);
        issues.push({
          path: `${path}.slots[${j}].entity`,
          message: `unknown entity "${slot.entity}"${hint ? ` (did you mean "${hint}"?)` : ''}; use a built-in (${BUILTIN_ENTITIES.join(', ')}) or a name from "entities"`,
        });
      }
      if ((slot.required ?? true) && slot.prompt === undefined) {
        issues.push({
          path: `${path}.slots[${j}].prompt`,
          message: 'is required for a required slot (what the bot asks when it is missing)',
        });
      }
    });
    const action = intent.action;
    if (action && (action.handler === undefined) === (action.webhook === undefined)) {
      issues.push({
        path: `${path}.action`,
        message: 'must have exactly one of "handler" or "webhook"',
      });
    }
    if (action?.webhook) {
      const url = action.webhook.url;
      const absolute = /^https?:\/\/[^/]+/.exec(url)?.[0];
      if (absolute && !(action.webhook.allowedOrigins ?? []).includes(absolute)) {
        issues.push({
          path: `${path}.action.webhook.url`,
          message: `calls ${absolute}, another origin than the page's; list it in "allowedOrigins" to allow it`,
        });
      }
    }
    if (intent.answer !== undefined && slots.length === 0 && !action) {
      issues.push({
        path: `${path}.answer`,
        message: 'applies to forms only (an intent with slots or an action); use "response"',
      });
    }
    if (intent.confirm !== undefined && names.size === 0) {
      issues.push({ path: `${path}.confirm`, message: 'needs slots to confirm' });
    }
    const check = (text: string | undefined, where: string, allowResult: boolean) => {
      if (text === undefined) return;
      for (const m of text.matchAll(PLACEHOLDER_RE)) {
        const ref = m[1]!;
        if (ref.startsWith('result.') || ref === 'result') {
          if (!allowResult) {
            issues.push({
              path: where,
              message: `"{${ref}}" is only available in the response of an intent with an action`,
            });
          }
          continue;
        }
        const slot = ref.split('.')[0]!;
        if (!names.has(slot)) {
          const hint = didYouMean(slot, names);
          issues.push({
            path: where,
            message: `unknown placeholder "{${ref}}"${hint ? ` (did you mean "{${hint}}"?)` : ''}; use a slot name of this intent${action ? ' or {result.field}' : ''}`,
          });
        }
      }
    };
    if (slots.length > 0 || action) {
      // The answer is the template; without one, the response is.
      const template = intent.answer ?? intent.response;
      const text = typeof template === 'string' ? template : template.text;
      check(text, `${path}.${intent.answer ? 'answer' : 'response'}`, action !== undefined);
      check(intent.confirm, `${path}.confirm`, false);
      check(action?.onError, `${path}.action.onError`, false);
      check(action?.onNotFound, `${path}.action.onNotFound`, false);
      slots.forEach((slot, j) => {
        check(slot.prompt, `${path}.slots[${j}].prompt`, false);
        check(slot.reprompt, `${path}.slots[${j}].reprompt`, false);
      });
    }
  });
  return issues;
}

/** Fills defaults of one entity. */
export function normalizeEntity(raw: RawEntity): EntityConfig {
  if (raw.regex !== undefined) {
    return {
      regex: raw.regex,
      flags: (raw.flags ?? 'iu').replace(/[gy]/g, ''),
      uppercase: raw.uppercase ?? false,
    };
  }
  return {
    values: (raw.values ?? []).map((v) =>
      typeof v === 'string'
        ? { value: v, label: v, synonyms: [] }
        : { value: v.value, label: v.label ?? v.value, synonyms: v.synonyms ?? [] },
    ),
    fuzzy: raw.fuzzy ?? true,
    semantic: raw.semantic ?? true,
    ...(raw.threshold !== undefined && { threshold: raw.threshold }),
  };
}

type FormKeys = Pick<IntentConfig, 'slots' | 'confirm' | 'action' | 'answer'>;

/**
 * The dialogue keys of one normalised intent (an empty object for a plain intent).
 * `normalizeResponse` is the bot file's response normaliser, applied to `answer`.
 */
export function normalizeFormIntent(
  raw: RawFormIntent,
  normalizeResponse: (response: string | { text: string }) => BotResponse,
): FormKeys {
  const out: FormKeys = {};
  if (raw.answer !== undefined) out.answer = normalizeResponse(raw.answer);
  if (raw.slots) {
    out.slots = raw.slots.map((s) => ({
      name: s.name,
      entity: s.entity,
      required: s.required ?? true,
      ...(s.prompt !== undefined && { prompt: s.prompt }),
      ...(s.reprompt !== undefined && { reprompt: s.reprompt }),
    }));
  }
  if (raw.confirm !== undefined) out.confirm = raw.confirm;
  const a = raw.action;
  if (a) {
    const replies = {
      ...(a.onError !== undefined && { onError: a.onError }),
      ...(a.onNotFound !== undefined && { onNotFound: a.onNotFound }),
    };
    out.action = a.webhook
      ? {
          webhook: {
            url: a.webhook.url,
            method: a.webhook.method ?? 'POST',
            timeout: a.webhook.timeout ?? 8000,
            allowedOrigins: a.webhook.allowedOrigins ?? [],
          },
          ...replies,
        }
      : { handler: a.handler!, ...replies };
  }
  return out;
}

/** The dialogue keys of a normalised bot: entities and dialogue rules, when the file has them. */
export function normalizeDialogueKeys(raw: RawDialogueKeys): {
  entities?: Record<string, EntityConfig>;
  dialogue?: DialogueConfig;
} {
  const hasForms = (raw.intents ?? []).some((i) => i.slots || i.action);
  const out: { entities?: Record<string, EntityConfig>; dialogue?: DialogueConfig } = {};
  if (raw.entities) {
    out.entities = Object.fromEntries(
      Object.entries(raw.entities).map(([name, e]) => [name, normalizeEntity(e)]),
    );
  }
  if (raw.dialogue || hasForms) {
    out.dialogue = {
      maxTries: raw.dialogue?.maxTries ?? 2,
      onGiveUp: raw.dialogue?.onGiveUp ?? 'fallback',
      cancelPhrases: raw.dialogue?.cancelPhrases ?? [],
      messages: { ...raw.dialogue?.messages },
    };
  }
  return out;
}
