/** Language choice in the header; each language is named in itself. */
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LANGUAGES, type Language } from '../i18n/translate.ts';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="field field--compact">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="language">
        {LANGUAGES.map((l) => (
          <option key={l.id} value={l.id} lang={l.id === 'zh' ? 'zh-CN' : 'en'}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
