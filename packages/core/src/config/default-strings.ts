const FALLBACK: Record<string, string> = {
  en: "Sorry, I'm not sure I understood. Could you rephrase that, or pick one of the topics below?",
  zh: '抱歉，我没有完全理解您的问题。您可以换个说法，或者选择下面的话题。',
};

/** The fallback reply used when a bot file has none, by the bot's primary language. */
export function defaultFallbackText(language: string): string {
  return FALLBACK[primaryLanguage(language)] ?? FALLBACK.en!;
}

/** `zh-CN` -> `zh`. */
export function primaryLanguage(language: string): string {
  return language.toLowerCase().split('-')[0]!;
}
