import { use } from 'react';
import { loadCourseTexts, type Lang } from '../../i18n/i18n.ts';
import type { LessonTexts } from '../../i18n/lessons/en.ts';
import { useLab } from '../common/lab.ts';

/** Each language's course texts load once, when the course is first opened in it. */
const loading = new Map<Lang, Promise<LessonTexts>>();

function lessonTextsFor(lang: Lang): Promise<LessonTexts> {
  let texts = loading.get(lang);
  if (!texts) {
    // A language that cannot load (offline, say) falls back to English rather than to nothing.
    texts = loadCourseTexts(lang).catch(() => loadCourseTexts('en'));
    // A failure is not remembered: the next render tries again.
    texts.catch(() => loading.delete(lang));
    loading.set(lang, texts);
  }
  return texts;
}

/** The course texts in the page's language; suspends while they load. */
export function useLessonTexts(): LessonTexts {
  return use(lessonTextsFor(useLab((s) => s.lang)));
}
