import { useRecordCount } from './frame.ts';
import { memo, useId } from 'react';
import type { Mark, MarkKind } from '../../report/timeline.ts';
import { SPEEDS } from '../../state/slices.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { PauseIcon, PlayIcon, ResetIcon, StepBackIcon, StepForwardIcon } from './icons.tsx';
import { PLAYBACK_ID } from '../common/bringIntoView.ts';

/**
 * One colour and one symbol per kind of mark, used on the timeline (`fill`, a dot drawn in SVG)
 * and in its legend (`className`).
 */
export const MARK_STYLE: Record<MarkKind, { symbol: string; className: string; fill: string }> = {
  fault: { symbol: '⚡', className: 'bg-amber-500', fill: 'fill-amber-500' },
  crash: { symbol: '✕', className: 'bg-red-600', fill: 'fill-red-600' },
  drop: { symbol: '↓', className: 'bg-orange-500', fill: 'fill-orange-500' },
  timeout: { symbol: '◷', className: 'bg-slate-500', fill: 'fill-slate-500' },
  violation: { symbol: '!', className: 'bg-fuchsia-600', fill: 'fill-fuchsia-600' },
  charge: { symbol: '€', className: 'bg-indigo-600', fill: 'fill-indigo-600' },
};

const shape =
  'inline-flex h-10 min-w-10 items-center justify-center gap-1.5 rounded-lg border px-3 text-sm font-medium';
const buttonClass = `${shape} border-slate-300 bg-white hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700`;
const primaryClass = `${shape} min-w-28 border-indigo-700 bg-indigo-700 text-white hover:bg-indigo-800 dark:border-indigo-400 dark:bg-indigo-400 dark:text-slate-950 dark:hover:bg-indigo-300`;

/** Play, pause, step, reset, speed and the timeline scrubber with its fault marks. */
export function PlaybackBar() {
  const t = useMessages();
  const p = t.playback;
  const playing = useLab((s) => s.playing);
  const endMs = useLab((s) => s.endMs);
  const speed = useLab((s) => s.speed);
  const reset = useLab((s) => s.reset);
  const stepBack = useLab((s) => s.stepBack);
  const stepForward = useLab((s) => s.stepForward);
  const togglePlay = useLab((s) => s.togglePlay);
  const setSpeed = useLab((s) => s.setSpeed);
  const speedId = useId();
  const hintId = useId();

  return (
    <div
      id={PLAYBACK_ID}
      role="toolbar"
      aria-label={p.toolbar}
      aria-describedby={hintId}
      className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={buttonClass} onClick={reset}>
          <ResetIcon />
          <span>{p.reset}</span>
        </button>
        <button type="button" className={buttonClass} onClick={stepBack}>
          <StepBackIcon />
          <span className="sr-only sm:not-sr-only">{p.stepBack}</span>
        </button>
        <button type="button" className={primaryClass} onClick={togglePlay}>
          {playing ? <PauseIcon /> : <PlayIcon />}
          <span>{playing ? p.pause : p.play}</span>
        </button>
        <button type="button" className={buttonClass} onClick={stepForward}>
          <span className="sr-only sm:not-sr-only">{p.stepForward}</span>
          <StepForwardIcon />
        </button>
        <StopAtMoments />
        {/* The speed and its label stay on one line when the bar wraps on a phone. */}
        <span className="flex items-center gap-2">
          <label htmlFor={speedId} className="text-sm font-medium">
            {p.speed}
          </label>
          <select
            id={speedId}
            className="h-10 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800"
            value={speed}
            onChange={(e) => {
              // The options are the speeds: finding the one chosen types it without a cast.
              const chosen = SPEEDS.find((option) => option === Number(e.target.value));
              if (chosen !== undefined) setSpeed(chosen);
            }}
          >
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {p.speedOption(speed)}
              </option>
            ))}
          </select>
        </span>
      </div>
      <Scrubber endMs={endMs} playing={playing} />
      <p id={hintId} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        {p.hint} {t.captions.pacingNote}
      </p>
    </div>
  );
}

/** Event-by-event mode: playing stops at each key moment and waits for the learner. */
function StopAtMoments() {
  const label = useMessages().captions.stopAtMoments;
  const on = useLab((s) => s.pauseAtMoments);
  const setOn = useLab((s) => s.setPauseAtMoments);
  return (
    <label className="ml-auto flex min-h-10 items-center gap-2 text-sm font-medium">
      <input
        type="checkbox"
        className="size-4 accent-indigo-600"
        checked={on}
        onChange={(e) => setOn(e.target.checked)}
      />
      {label}
    </label>
  );
}

/**
 * The marks under the scrubber, drawn once per run, not on every frame of playback: dots 10 px
 * across ringed in the bar's colour, in one SVG. (A busy run has 700 of them; as
 * positioned and shifted boxes, each was a layer of the page's paint that every frame of play
 * and every move of the timeline went through again.)
 */
const MarkRow = memo(function MarkRow({ marks, endMs }: { marks: Mark[]; endMs: number }) {
  const at = (ms: number) => `${endMs === 0 ? 0 : (ms / endMs) * 100}%`;
  return (
    <svg className="pointer-events-none block h-4 w-full overflow-visible" aria-hidden="true">
      {marks.map((mark, i) => (
        <circle
          key={i}
          cx={at(mark.t)}
          cy={5}
          r={5.5}
          strokeWidth={1}
          className={`stroke-white dark:stroke-slate-900 ${MARK_STYLE[mark.kind].fill}`}
        />
      ))}
    </svg>
  );
});

const NO_MARKS: Mark[] = [];

/**
 * The timeline and the moment beside it: the one part of the bar that follows the cursor (the
 * buttons and the speed menu do not draw again on every move or frame).
 */
function Scrubber({ endMs, playing }: { endMs: number; playing: boolean }) {
  const t = useMessages();
  const at = useLab((s) => Math.round(s.cursorMs));
  const allMarks = useLab((s) => s.timeline.marks);
  const marksHidden = useLab((s) => s.marksHidden);
  const marks = marksHidden ? NO_MARKS : allMarks;
  return (
    <div className="mt-3">
      <div className="flex items-center gap-3">
        <span
          className="w-16 text-right font-mono text-xs tabular-nums sm:w-20 sm:text-sm"
          aria-hidden="true"
        >
          {t.settings.ms(at)}
        </span>
        <div className="relative flex-1">
          <TimelineSlider at={at} endMs={endMs} />
          <MarkRow marks={marks} endMs={endMs} />
        </div>
        <span
          className="w-16 font-mono text-xs text-slate-600 tabular-nums sm:w-20 sm:text-sm dark:text-slate-300"
          aria-hidden="true"
        >
          {t.settings.ms(endMs)}
        </span>
      </div>
      {/* On a phone, while the run plays, the bar gives its legend's lines back to the stage. */}
      <div className={playing ? 'max-lg:hidden' : ''}>
        <MarkLegend marks={marks} />
      </div>
    </div>
  );
}

/** The range input over the run's virtual time; moving it pauses playback. */
function TimelineSlider({ at, endMs }: { at: number; endMs: number }) {
  const p = useMessages().playback;
  const seek = useLab((s) => s.seek);
  const pause = useLab((s) => s.pause);
  const stepBack = useLab((s) => s.stepBack);
  const stepForward = useLab((s) => s.stepForward);
  // On the timeline too, arrows step from event to event (as the hint says), not by 1 ms;
  // Home, End and Page keys keep their usual jumps.
  const STEPS: Record<string, () => void> = {
    ArrowLeft: stepBack,
    ArrowDown: stepBack,
    ArrowRight: stepForward,
    ArrowUp: stepForward,
  };
  const count = useRecordCount();
  return (
    <input
      type="range"
      aria-label={p.timeline}
      aria-valuetext={p.position(at, endMs)}
      min={0}
      max={endMs}
      step={1}
      value={at}
      data-count={count}
      onChange={(e) => {
        pause();
        seek(Number(e.target.value));
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey || e.altKey ? undefined : STEPS[e.key];
        if (!step) return;
        e.preventDefault();
        pause();
        step();
      }}
      className="w-full accent-indigo-600"
    />
  );
}

/** Names the kinds of mark the timeline shows, each with its colour; once per run, like them. */
const MarkLegend = memo(function MarkLegend({ marks }: { marks: readonly Mark[] }) {
  const p = useMessages().playback;
  const kinds = [...new Set(marks.map((m) => m.kind))];
  if (kinds.length === 0) return null;
  return (
    <ul
      aria-label={p.legend}
      className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300"
    >
      {kinds.map((kind) => (
        <li key={kind} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className={`inline-block size-2.5 rounded-full ${MARK_STYLE[kind].className}`}
          />
          {p.marks[kind]}
        </li>
      ))}
    </ul>
  );
});
