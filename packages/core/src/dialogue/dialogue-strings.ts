import type { DialogueConfig } from '../types.js';

/** The dialogue's own words for one language. */
export interface DialogueStrings {
  cancelled: string;
  declined: string;
  gaveUp: string;
  resume: string;
  actionError: string;
  yes: string;
  no: string;
  /** Whole-message phrases that cancel a form. */
  cancel: string[];
  /** Phrases that cancel a form wherever they appear. */
  cancelAnywhere: string[];
  yesWords: string[];
  noWords: string[];
  /** Words that may surround a cancel phrase ("ok, just cancel please"). */
  filler: string[];
}

const EN: DialogueStrings = {
  cancelled: "OK, I've stopped that. Is there anything else I can help with?",
  declined: "OK, I won't go ahead. Is there anything else I can help with?",
  gaveUp: "Sorry, I couldn't get that, so I've stopped this request.",
  resume: 'Now, back to your request:',
  actionError: "Sorry, I couldn't do that just now. Please try again in a few minutes.",
  yes: 'Yes',
  no: 'No',
  cancel: [
    'cancel',
    'stop',
    'quit',
    'exit',
    'abort',
    'no thanks',
    'leave it',
    'cancel that',
    'cancel it',
    'stop it',
  ],
  cancelAnywhere: ['never mind', 'nevermind', 'forget it', 'forget about it', 'forget that'],
  yesWords: [
    'yes',
    'yeah',
    'yep',
    'yup',
    'y',
    'sure',
    'ok',
    'okay',
    'correct',
    'right',
    'confirm',
    'please do',
    'go ahead',
    'do it',
    "that's right",
    'that is right',
    'absolutely',
    'of course',
  ],
  noWords: [
    'no',
    'nope',
    'n',
    'nah',
    "don't",
    'do not',
    'not now',
    'wrong',
    'incorrect',
    'not really',
  ],
  filler: [
    'please',
    'ok',
    'okay',
    'oh',
    'actually',
    'just',
    'then',
    'so',
    'um',
    'uh',
    'well',
    'thanks',
    'thank you',
    'i want to',
    "i'd like to",
    'can you',
    'let’s',
    "let's",
  ],
};

const ZH: DialogueStrings = {
  cancelled: '好的，已经取消了。还有什么可以帮您？',
  declined: '好的，那就先不办理了。还有什么可以帮您？',
  gaveUp: '抱歉，我没能理解，这个请求先结束了。',
  resume: '我们接着刚才的事：',
  actionError: '抱歉，暂时无法处理，请过几分钟再试。',
  yes: '是',
  no: '否',
  cancel: ['取消', '不用了', '不要了', '退出', '停止', '不办了', '不弄了', '不查了', '不改了'],
  cancelAnywhere: ['算了', '不用了', '不需要了', '先不办了'],
  yesWords: [
    '是',
    '是的',
    '对',
    '对的',
    '好',
    '好的',
    '确认',
    '确定',
    '可以',
    '行',
    '嗯',
    '没错',
    '没问题',
    '同意',
  ],
  noWords: ['不', '不是', '不用', '不要', '否', '错了', '不对', '先不', '不行', '别'],
  filler: ['吧', '了', '啊', '呀', '那', '还是', '请', '帮我', '我要', '我想', '那就'],
};

/** The dialogue's words for the bot's language, with the bot file's overrides. */
export function dialogueStrings(language: string, config?: DialogueConfig): DialogueStrings {
  const base = language.toLowerCase().startsWith('zh') ? ZH : EN;
  return {
    ...base,
    ...(config?.messages as Partial<DialogueStrings> | undefined),
    cancel: [...base.cancel, ...(config?.cancelPhrases ?? []).map((p) => p.toLowerCase())],
  };
}

/** Lower-cased, punctuation to spaces, single spaces. */
export function simplify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'’\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function stripFiller(text: string, filler: readonly string[]): string {
  let out = ` ${text} `;
  for (const f of [...filler].sort((a, b) => b.length - a.length)) {
    out = /[\u4e00-\u9fff]/.test(f) ? out.split(f).join(' ') : out.split(` ${f} `).join(' ');
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** True when the message asks to stop the open form ("never mind", "cancel", "算了"). */
export function isCancel(text: string, strings: DialogueStrings): boolean {
  const simple = simplify(text);
  if (
    strings.cancelAnywhere.some((p) =>
      /[\u4e00-\u9fff]/.test(p) ? simple.includes(p) : ` ${simple} `.includes(` ${p} `),
    )
  )
    return true;
  const core = stripFiller(simple, strings.filler);
  return strings.cancel.includes(core) || strings.cancel.includes(simple);
}

/** `yes` or `no` when the message starts with (or is) an answer of that kind, else undefined. */
export function yesOrNo(text: string, strings: DialogueStrings): 'yes' | 'no' | undefined {
  const simple = simplify(text);
  const starts = (words: readonly string[]) =>
    words.some((w) =>
      /[\u4e00-\u9fff]/.test(w)
        ? simple === w || simple.startsWith(w)
        : simple === w || simple.startsWith(`${w} `),
    );
  // "不是" starts with "不" but "是" must not win over it: test no first.
  if (starts(strings.noWords)) return 'no';
  if (starts(strings.yesWords)) return 'yes';
  return undefined;
}
