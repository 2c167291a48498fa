/** The pure half of i18n: choosing a language and filling a message's `{placeholders}`. */
import { en, type MessageKey } from './en.ts';
import { zh } from './zh.ts';

export type Language = 'en' | 'zh';
export type MessageVars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export const LANGUAGES: readonly { id: Language; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh', label: '简体中文' },
];

const dictionaries: Record<Language, Readonly<Record<MessageKey, string>>> = { en, zh };

/** The first of the browser's preferred languages we have, else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export function translator(language: Language): Translate {
  const dict = dictionaries[language];
  return (key, vars) => {
    const template = dict[key] ?? en[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
