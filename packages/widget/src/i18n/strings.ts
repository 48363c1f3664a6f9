/** Every string the widget shows. Add a locale by adding an entry. */
export interface WidgetStrings {
  open: string;
  close: string;
  title: string;
  placeholder: string;
  send: string;
  clear: string;
  typing: string;
  loadingModel: (percent: number) => string;
  degraded: string;
  failed: string;
  retry: string;
  you: string;
  bot: string;
  helpful: string;
  notHelpful: string;
  thanks: string;
  source: string;
}

export const STRINGS: Record<string, WidgetStrings> = {
  en: {
    open: 'Open chat',
    close: 'Close chat',
    title: 'Chat with us',
    placeholder: 'Type your question…',
    send: 'Send',
    clear: 'Clear conversation',
    typing: 'The assistant is typing…',
    loadingModel: (p) => `Preparing the assistant… ${p}%`,
    degraded:
      'The assistant is in basic mode: it matches words only, so answers may be less accurate.',
    failed: 'Sorry, something went wrong.',
    retry: 'Retry',
    you: 'You',
    bot: 'Assistant',
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    thanks: 'Thanks for the feedback!',
    source: 'Source',
  },
  zh: {
    open: '打开聊天',
    close: '关闭聊天',
    title: '在线客服',
    placeholder: '请输入您的问题…',
    send: '发送',
    clear: '清空对话',
    typing: '客服正在输入…',
    loadingModel: (p) => `正在准备智能客服… ${p}%`,
    degraded: '智能客服处于基础模式：只按关键词匹配，回答可能不够准确。',
    failed: '抱歉，出了点问题。',
    retry: '重试',
    you: '您',
    bot: '客服',
    helpful: '有帮助',
    notHelpful: '没帮助',
    thanks: '感谢您的反馈！',
    source: '来源',
  },
};

/** Strings for a BCP 47 locale (`zh-CN` -> `zh`), English when unknown. */
export function stringsFor(locale: string | undefined): WidgetStrings {
  const primary = (locale ?? 'en').toLowerCase().split('-')[0]!;
  return STRINGS[primary] ?? STRINGS.en!;
}
