import { useEffect, useId, useState } from 'react';
import type { StepText } from '../../i18n/lessons/en.ts';
import type { LessonStep } from '../../scenarios/lessons.ts';
import { useLab } from '../common/lab.ts';
import { useLessonTexts } from './texts.ts';
import { PlayIt } from './PlayIt.tsx';

/**
 * Predict, then reveal: the learner picks an answer and checks it. A wrong answer says why that
 * answer is tempting and not what happens, and lets them try again; the right one shows why, and
 * a button plays the run that proves it.
 */
export function PredictBox({
  predict,
  words,
  onReveal,
}: {
  predict: NonNullable<LessonStep['predict']>;
  words: StepText;
  /** The answer is out: guessed right, or asked for with "just show me". */
  onReveal: () => void;
}) {
  const t = useLessonTexts().ui;
  const [picked, setPicked] = useState<string | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [skipped, setSkipped] = useState(false);
  const right = checked === predict.answer;
  const revealed = right || skipped;
  useMarksHiddenUnless(revealed);
  const feedback = skipped
    ? t.skipped
    : checked === null
      ? ''
      : right
        ? t.right
        : t.wrong(words.choices?.[checked] ?? checked, words.whyNot?.[checked] ?? '');
  return (
    <form
      className="mt-4 rounded-lg border border-indigo-200 bg-indigo-50/60 p-3 dark:border-indigo-800 dark:bg-indigo-950/40"
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(picked);
        if (picked === predict.answer) onReveal();
      }}
    >
      <Choices choices={predict.choices} words={words} picked={picked} onPick={setPicked} />
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button
          type="submit"
          disabled={picked === null || revealed}
          className="rounded-lg border border-indigo-700 px-3 py-1.5 text-sm font-semibold text-indigo-800 disabled:opacity-50 dark:border-indigo-300 dark:text-indigo-100"
        >
          {t.check}
        </button>
        {!revealed && (
          // An honest way out: the answer, counted as not answered.
          <button
            type="button"
            onClick={() => {
              setSkipped(true);
              onReveal();
            }}
            className="rounded-lg px-3 py-1.5 text-sm font-medium text-slate-700 underline hover:bg-indigo-100 dark:text-slate-300 dark:hover:bg-indigo-900"
          >
            {t.justShowMe}
          </button>
        )}
      </div>
      <p
        role="status"
        className={`mt-2 text-sm font-medium ${right ? 'text-emerald-800 dark:text-emerald-300' : skipped ? 'text-slate-700 dark:text-slate-300' : 'text-red-800 dark:text-red-300'}`}
      >
        {feedback}
      </p>
      {revealed && <Explanation explain={words.explain} />}
    </form>
  );
}

/**
 * Until the right answer is in, the timeline does not show where the charges and the broken
 * invariants are.
 */
function useMarksHiddenUnless(right: boolean): void {
  const hideMarks = useLab((s) => s.hideMarks);
  useEffect(() => {
    hideMarks(!right);
    return () => hideMarks(false);
  }, [right, hideMarks]);
}

/** The question and its answers, one radio button each. */
function Choices({
  choices,
  words,
  picked,
  onPick,
}: {
  choices: readonly string[];
  words: StepText;
  picked: string | null;
  onPick: (choice: string) => void;
}) {
  const name = useId();
  return (
    <fieldset>
      <legend className="font-semibold">{words.question}</legend>
      <div className="mt-2 flex flex-col gap-1.5">
        {choices.map((choice) => (
          <label key={choice} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={name}
              value={choice}
              checked={picked === choice}
              onChange={() => onPick(choice)}
              className="accent-indigo-700"
            />
            {words.choices?.[choice]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Why the answer is right, and a button that plays the run that shows it. */
function Explanation({ explain }: { explain: StepText['explain'] }) {
  return (
    <>
      <p className="mt-1 text-sm">{explain}</p>
      <PlayIt className="mt-2 rounded-lg border border-indigo-700 bg-indigo-700 px-3 py-1.5 text-sm font-semibold text-white dark:border-indigo-300 dark:bg-indigo-300 dark:text-slate-950" />
    </>
  );
}
