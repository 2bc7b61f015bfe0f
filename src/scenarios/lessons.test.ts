import { describe, expect, it } from 'vitest';
import { lessonTexts as en } from '../i18n/lessons/en.ts';
import { lessonTexts as ru } from '../i18n/lessons/ru.ts';
import { claimHolds, runSetup, type Claim } from './claims.ts';
import { INTERVIEW_QUESTIONS } from './interview.ts';
import { LESSONS } from './lessons.ts';

/** Every claim that fails for the run, named, so a broken lesson says which sentence lies. */
function failing(claims: readonly Claim[], run: ReturnType<typeof runSetup>): string[] {
  return claims.filter((c) => !claimHolds(c, run)).map((c) => JSON.stringify(c));
}

describe('lessons never lie', () => {
  for (const lesson of LESSONS) {
    for (const step of lesson.steps) {
      it(`${lesson.id} / ${step.id}: every claim holds in the simulation`, () => {
        expect(step.claims.length).toBeGreaterThan(0);
        expect(failing(step.claims, runSetup(step.lab))).toEqual([]);
      });

      if (step.act) {
        const act = step.act;
        it(`${lesson.id} / ${step.id}: the learner's task is needed, and the example does it`, () => {
          expect(failing(act.until, runSetup(step.lab))).not.toEqual([]);
          expect(failing(act.until, runSetup(step.lab, act.example))).toEqual([]);
        });
      }
    }
  }

  for (const question of INTERVIEW_QUESTIONS) {
    it(`interview / ${question.id}: "show me" opens a run that bears the answer out`, () => {
      expect(failing(question.claims, runSetup(question.lab))).toEqual([]);
    });
  }

  it('ids are unique, and each prediction’s answer is one of its choices', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
      for (const step of lesson.steps)
        if (step.predict) expect(step.predict.choices).toContain(step.predict.answer);
    }
  });
});

describe('every lesson text exists in English and Russian', () => {
  for (const [lang, texts] of [
    ['en', en],
    ['ru', ru],
  ] as const) {
    it(`${lang}: each lesson, step, question, choice, task and interview answer has its words`, () => {
      const missing: string[] = [];
      const need = (key: string, value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') missing.push(key);
      };
      for (const lesson of LESSONS) {
        const text = texts.lessons[lesson.id];
        need(`${lesson.id}.title`, text?.title);
        need(`${lesson.id}.summary`, text?.summary);
        expect(Object.keys(text?.steps ?? {}).sort()).toEqual(lesson.steps.map((s) => s.id).sort());
        for (const step of lesson.steps) {
          const words = text?.steps[step.id];
          const key = `${lesson.id}.${step.id}`;
          need(`${key}.title`, words?.title);
          if (!words?.body.length) missing.push(`${key}.body`);
          words?.body.forEach((p, i) => need(`${key}.body[${i}]`, p));
          if (step.predict) {
            need(`${key}.question`, words?.question);
            need(`${key}.explain`, words?.explain);
            for (const choice of step.predict.choices)
              need(`${key}.choices.${choice}`, words?.choices?.[choice]);
          }
          if (step.act) {
            need(`${key}.act`, words?.act);
            need(`${key}.done`, words?.done);
          }
        }
      }
      for (const question of INTERVIEW_QUESTIONS) {
        need(`interview.${question.id}.question`, texts.interview[question.id]?.question);
        need(`interview.${question.id}.answer`, texts.interview[question.id]?.answer);
      }
      expect(missing).toEqual([]);
    });
  }
});
