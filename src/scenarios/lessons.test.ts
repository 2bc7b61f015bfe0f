import { describe, expect, it } from 'vitest';
import type { ScriptedFault } from '../model/settings.ts';
import { lessonTexts as en } from '../i18n/lessons/en.ts';
import { lessonTexts as ru } from '../i18n/lessons/ru.ts';
import { claimHolds, type Claim } from './claims.ts';
import type { RunResult } from '../model/run.ts';
import { runScenario } from './run.ts';
import { comparedSpec, type RunSpec } from './spec.ts';
import { INTERVIEW_QUESTIONS } from './interview.ts';
import { LESSONS } from './lessons.ts';
import { INTERVIEW_IDS, LESSON_OUTLINE } from './outline.ts';

/** Faults a learner might reach for instead of the one a task asks for, each early in the run. */
const OTHER_FAULTS: ScriptedFault[] = [
  { kind: 'duplicate-next', direction: 'request', atMs: 1 },
  { kind: 'drop-next', direction: 'request', atMs: 1 },
  { kind: 'crash', point: 'after-provider-charge', atMs: 1 },
  { kind: 'crash', point: 'now', atMs: 60 },
  { kind: 'server-pause', atMs: 1, durationMs: 1000 },
];

/** The run a spec makes, with any faults a learner added on top. */
function runSpec(spec: RunSpec, extraFaults: readonly ScriptedFault[] = []): RunResult {
  return runScenario({ ...spec, faults: [...spec.faults, ...extraFaults] });
}

/** Every claim that fails for the run, named, so a broken lesson says which sentence lies. */
function failing(claims: readonly Claim[], run: RunResult): string[] {
  return claims.filter((c) => !claimHolds(c, run)).map((c) => JSON.stringify(c));
}

describe('lessons never lie', () => {
  for (const lesson of LESSONS) {
    for (const step of lesson.steps) {
      it(`${lesson.id} / ${step.id}: every claim holds in the simulation`, () => {
        expect(step.claims.length).toBeGreaterThan(0);
        expect(failing(step.claims, runSpec(step.lab.spec))).toEqual([]);
        // A step that shows two strategies side by side claims something of each.
        expect(step.lab.spec.compare === null).toBe(step.compareClaims === undefined);
        if (step.compareClaims) {
          const compared = runSpec(comparedSpec(step.lab.spec)!);
          expect(failing(step.compareClaims, compared)).toEqual([]);
        }
      });

      if (step.act) {
        const act = step.act;
        it(`${lesson.id} / ${step.id}: the learner's task is needed, and the example does it`, () => {
          expect(failing(act.until, runSpec(step.lab.spec))).not.toEqual([]);
          expect(failing(act.until, runSpec(step.lab.spec, act.example))).toEqual([]);
          // Only the fault the text asks for will do: the others a learner might try do not.
          const asked = act.example[0]!;
          const same = (f: ScriptedFault) =>
            f.kind === asked.kind &&
            ('direction' in f ? f.direction : null) ===
              ('direction' in asked ? asked.direction : null) &&
            ('point' in f ? f.point : null) === ('point' in asked ? asked.point : null);
          for (const other of OTHER_FAULTS.filter((f) => !same(f)))
            expect(failing(act.until, runSpec(step.lab.spec, [other]))).not.toEqual([]);
        });
      }
    }
  }

  for (const question of INTERVIEW_QUESTIONS) {
    it(`interview / ${question.id}: "show me" opens a run that bears the answer out`, () => {
      expect(failing(question.claims, runSpec(question.lab.spec))).toEqual([]);
      expect(question.lab.spec.compare === null).toBe(question.compareClaims === undefined);
      if (question.compareClaims) {
        const compared = runSpec(comparedSpec(question.lab.spec)!);
        expect(failing(question.compareClaims, compared)).toEqual([]);
      }
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
            // Being wrong teaches: every wrong choice says why it is not what happens.
            for (const choice of step.predict.choices.filter((c) => c !== step.predict?.answer))
              need(`${key}.whyNot.${choice}`, words?.whyNot?.[choice]);
            expect(Object.keys(words?.whyNot ?? {})).not.toContain(step.predict.answer);
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

describe('the outline the first screen routes by', () => {
  it('names every lesson with its number of steps, and every interview question, in order', () => {
    expect(LESSON_OUTLINE).toEqual(LESSONS.map((l) => ({ id: l.id, steps: l.steps.length })));
    expect(INTERVIEW_IDS).toEqual(INTERVIEW_QUESTIONS.map((q) => q.id));
  });
});
