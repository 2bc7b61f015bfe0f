import { useEffect, useMemo, useRef, useState } from 'react';
import { claimHolds } from '../../scenarios/claims.ts';
import { LESSONS, lessonById, type LessonStep } from '../../scenarios/lessons.ts';
import { toHash } from '../../state/route.ts';
import type { StepText } from '../../i18n/lessons/en.ts';
import { CaptionSlot } from '../caption/CaptionSlot.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { useRecordCount } from '../playback/frame.ts';
import { OutcomePanel } from '../outcome/OutcomePanel.tsx';
import { PlaybackBar } from '../playback/PlaybackBar.tsx';
import { Topology } from '../topology/Topology.tsx';
import { faultButtonLabel } from '../faults/labels.ts';
import { ApiDocPanel, MethodTable, SqlPanel } from './Extras.tsx';
import { FinishedNote } from './FinishedNote.tsx';
import { PlayIt } from './PlayIt.tsx';
import { PredictBox } from './PredictBox.tsx';
import { useLessonTexts } from './texts.ts';
import { bringIntoView, PLAYBACK_ID } from '../common/bringIntoView.ts';
import { Deferred } from '../common/Deferred.tsx';
import { mayMoveFocus } from '../common/focusOnLoad.ts';
import { retryable } from '../common/retryable.ts';

const FaultPanel = retryable(() => import('../faults/FaultPanel.tsx').then((m) => m.FaultPanel));
const CompareView = retryable(() =>
  import('../compare/CompareView.tsx').then((m) => m.CompareView),
);
const SequenceDiagram = retryable(() =>
  import('../sequence/SequenceDiagram.tsx').then((m) => m.SequenceDiagram),
);

const go = (hash: string) => {
  window.location.hash = hash;
};

/**
 * One step of a lesson: the narration on the left, the simulator on the right, set up as the
 * step says (the store applied it when the route changed). The step's number is in the link, so
 * Back and Next are instant: nothing replays to get there.
 */
export function LessonPage({ lessonId, step }: { lessonId: string; step: number }) {
  const lesson = lessonById(lessonId)!;
  const current = lesson.steps[step]!;
  const texts = useLessonTexts();
  const words = texts.lessons[lessonId]!.steps[current.id]!;
  const compare = useLab((s) => s.spec.compare);
  const caption = <CaptionSlot />;

  return (
    <main className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-5 lg:grid lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)] lg:items-start">
      <Narration lessonId={lessonId} step={step} current={current} words={words} />
      <div className="flex min-w-0 flex-col gap-4">
        <div className="lg:sticky lg:top-0 lg:z-10">
          <PlaybackBar />
        </div>
        {/* A step that compares draws both runs the same way, in place of the one topology;
            either way the caption says what just happened, right under the drawing. */}
        {compare ? (
          <Deferred>
            <CompareView>{caption}</CompareView>
          </Deferred>
        ) : (
          <Topology>{caption}</Topology>
        )}
        <OutcomePanel />
        <Deferred>
          {current.act && <FaultPanel />}
          <SequenceDiagram />
        </Deferred>
      </div>
    </main>
  );
}

function Narration({
  lessonId,
  step,
  current,
  words,
}: {
  lessonId: string;
  step: number;
  current: LessonStep;
  words: StepText;
}) {
  const texts = useLessonTexts();
  const t = texts.ui;
  const lesson = lessonById(lessonId)!;
  const number = LESSONS.indexOf(lesson) + 1;
  const heading = useRef<HTMLHeadingElement>(null);
  // A new step is announced by moving focus to its title, as a new page would be; the focus
  // brings the title into view, so a phone does not open the step halfway down. Never in a frame
  // that has not been clicked into: a slide's deck keeps the clicker (mayMoveFocus).
  useEffect(() => {
    if (mayMoveFocus()) heading.current?.focus();
  }, [lessonId, step]);
  // A prediction is answered (or its answer asked for) before Next: skipping it skips the lesson.
  const here = `${lessonId}/${step}`;
  const [revealedAt, setRevealedAt] = useState<string | null>(null);
  const predictionDone = !current.predict || revealedAt === here;

  return (
    <section
      aria-labelledby="lesson-title"
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <FinishedNote />
      <p className="text-sm">
        <a href="#/course" className="text-indigo-700 hover:underline dark:text-indigo-300">
          {t.toCourse}
        </a>{' '}
        › {t.lesson(number)}
      </p>
      <h2 id="lesson-title" className="mt-1 text-xl font-bold tracking-tight">
        {texts.lessons[lessonId]!.title}
      </h2>
      <StepList lessonId={lessonId} step={step} />
      <h3
        ref={heading}
        tabIndex={-1}
        className="mt-4 text-lg font-semibold focus:outline-none"
        data-testid="step-title"
      >
        <span className="block text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
          {t.stepOf(step + 1, lesson.steps.length)}
        </span>
        {words.title}
      </h3>
      <div className="mt-2 flex flex-col gap-3 text-[15px] leading-relaxed">
        {words.body.map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </div>
      {current.show === 'method-table' && <MethodTable />}
      {current.show === 'sql' && <SqlPanel />}
      {current.show === 'api-doc' && <ApiDocPanel />}
      {current.predict && (
        <PredictBox
          key={here}
          predict={current.predict}
          words={words}
          onReveal={() => setRevealedAt(here)}
        />
      )}
      {/* Only a step with a task follows the run event by event; the others never re-render. */}
      {current.act ? (
        <Task lessonId={lessonId} step={step} current={current} words={words} />
      ) : (
        <>
          {/* A step that asks for a prediction plays its run once the learner has answered. */}
          {!current.predict && (
            <PlayIt className="mt-4 rounded-lg border border-indigo-700 px-3 py-1.5 text-sm font-semibold text-indigo-800 hover:bg-indigo-50 dark:border-indigo-300 dark:text-indigo-200 dark:hover:bg-slate-800" />
          )}
          <StepButtons
            lessonId={lessonId}
            step={step}
            ready={predictionDone}
            hint={predictionDone ? undefined : t.answerFirst}
          />
        </>
      )}
    </section>
  );
}

/** The lesson's steps, each a link: any step is one click (or Tab and Enter) away. */
function StepList({ lessonId, step }: { lessonId: string; step: number }) {
  const texts = useLessonTexts();
  const lesson = lessonById(lessonId)!;
  return (
    <nav aria-label={texts.ui.steps} className="mt-3">
      <ol className="flex flex-wrap gap-1.5">
        {lesson.steps.map((s, i) => (
          <li key={s.id}>
            <a
              href={toHash({ page: 'lesson', lessonId, step: i })}
              aria-current={i === step ? 'step' : undefined}
              title={texts.lessons[lessonId]!.steps[s.id]!.title}
              className={`flex h-8 w-8 items-center justify-center rounded-full border text-sm font-semibold ${
                i === step
                  ? 'border-indigo-700 bg-indigo-700 text-white dark:border-indigo-300 dark:bg-indigo-300 dark:text-slate-950'
                  : 'border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800'
              }`}
            >
              <span className="sr-only">{texts.ui.stepOf(i + 1, lesson.steps.length)}: </span>
              {i + 1}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Where the learner's task stands. `seen`: the run shows it done, up to the moment on screen —
 * they have watched it happen. `coming`: the run with their faults will show it; they have yet to
 * play that far. `missed`: they added a fault, but the run does not show it (too late, say).
 */
type TaskState = 'seen' | 'coming' | 'missed' | 'waiting';

function useTask(current: LessonStep): TaskState {
  const run = useLab((s) => s.run);
  const count = useRecordCount();
  const added = useLab((s) => s.spec.faults.length > current.lab.spec.faults.length);
  const until = current.act?.until;
  const whole = useMemo(() => until?.every((c) => claimHolds(c, run)) ?? true, [until, run]);
  // Only a step with a task reads the trace up to the cursor, on every event as it plays.
  const sofar = useMemo(() => {
    if (!until || !whole) return !until;
    const prefix = { ...run, trace: run.trace.slice(0, count) };
    return until.every((c) => claimHolds(c, prefix));
  }, [until, whole, run, count]);
  if (sofar) return 'seen';
  if (whole) return 'coming';
  return added ? 'missed' : 'waiting';
}

/** A step's task, and Next, which waits for it: watching it happen (or rewinding) is not needed. */
function Task({
  lessonId,
  step,
  current,
  words,
}: {
  lessonId: string;
  step: number;
  current: LessonStep;
  words: StepText;
}) {
  const task = useTask(current);
  return (
    <>
      <ActBox current={current} words={words} task={task} />
      <StepButtons
        lessonId={lessonId}
        step={step}
        ready={task !== 'waiting' && task !== 'missed'}
      />
    </>
  );
}

/**
 * A task for the learner: what to do, the button that does it (the same as in Live faults, here
 * so that a phone need not scroll), where it stands, and a way out if they are stuck.
 */
function ActBox({
  current,
  words,
  task,
}: {
  current: LessonStep;
  words: StepText;
  task: TaskState;
}) {
  const t = useLessonTexts().ui;
  const messages = useMessages();
  const openScene = useLab((s) => s.openScene);
  const inject = useLab((s) => s.injectFault);
  const play = useLab((s) => s.play);
  const fault = current.act!.example[0]!;
  const example = () => {
    const { spec, at } = current.lab;
    openScene({ spec: { ...spec, faults: [...spec.faults, ...current.act!.example] }, at });
    play();
    bringIntoView(PLAYBACK_ID);
  };
  const playIt = () => {
    play();
    bringIntoView(PLAYBACK_ID);
  };
  const status = {
    seen: `✓ ${words.done}`,
    coming: t.nowPlay,
    missed: t.missed,
    waiting: t.waiting,
  }[task];
  return (
    <div className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950/60">
      <p className="font-medium">{words.act}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        {task === 'waiting' && (
          <button
            type="button"
            onClick={() => inject(fault)}
            className="rounded-lg border border-amber-600/60 bg-white px-3 py-1.5 text-sm font-medium dark:bg-amber-950"
          >
            {faultButtonLabel(fault, messages)}
          </button>
        )}
        {task !== 'seen' && (
          <button
            type="button"
            onClick={task === 'coming' ? playIt : example}
            className="rounded-lg border border-amber-600/60 px-3 py-1.5 text-sm font-medium"
          >
            {task === 'coming' ? `▶ ${t.play}` : t.doItForMe}
          </button>
        )}
      </div>
      <p role="status" className="mt-2 text-sm">
        {status}
      </p>
    </div>
  );
}

const buttonClass =
  'rounded-lg border px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-50';

/** Back and Next; Next waits for a task to be done, and the last step finishes the lesson. */
function StepButtons({
  lessonId,
  step,
  ready,
  hint,
}: {
  lessonId: string;
  step: number;
  /** False while a task or a prediction waits for the learner. */
  ready: boolean;
  /** What Next waits for, said beside it while it waits. */
  hint?: string | undefined;
}) {
  const t = useLessonTexts().ui;
  const finishLesson = useLab((s) => s.finishLesson);
  const lesson = lessonById(lessonId)!;
  const last = step === lesson.steps.length - 1;
  const following = LESSONS[LESSONS.indexOf(lesson) + 1];
  const next = () => {
    if (!last) return go(toHash({ page: 'lesson', lessonId, step: step + 1 }));
    finishLesson(lessonId);
    go(following ? toHash({ page: 'lesson', lessonId: following.id, step: 0 }) : '#/course');
  };
  return (
    <div className="mt-5 flex flex-wrap justify-between gap-2">
      <button
        type="button"
        disabled={step === 0}
        onClick={() => go(toHash({ page: 'lesson', lessonId, step: step - 1 }))}
        className={`${buttonClass} border-slate-300 dark:border-slate-600`}
      >
        ← {t.back}
      </button>
      {hint && (
        <p
          id="next-waits"
          className="ml-auto self-center text-sm text-slate-600 dark:text-slate-400"
        >
          {hint}
        </p>
      )}
      <button
        type="button"
        disabled={!ready}
        aria-describedby={hint ? 'next-waits' : undefined}
        onClick={next}
        className={`${buttonClass} border-indigo-700 bg-indigo-700 text-white hover:bg-indigo-800 dark:border-indigo-300 dark:bg-indigo-300 dark:text-slate-950`}
      >
        {last ? (following ? `${t.finish} · ${t.nextLesson}` : t.finish) : t.next} →
      </button>
    </div>
  );
}
