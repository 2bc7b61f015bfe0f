import { LANGS, languageName, loadLang } from '../../i18n/i18n.ts';
import { useLab, useMessages } from './lab.ts';

export function LanguageSwitch() {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const setLang = useLab((s) => s.setLang);
  return (
    <div
      role="group"
      aria-label={t.app.language}
      className="flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-700"
    >
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={lang === code}
          // The language's texts load first, so the page never shows half of each.
          onClick={() => void loadLang(code).then(() => setLang(code))}
          className={`rounded-md px-3 py-1 text-sm font-medium ${
            lang === code
              ? 'bg-indigo-600 text-white dark:bg-indigo-500'
              : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'
          }`}
        >
          {languageName(code)}
        </button>
      ))}
    </div>
  );
}
