import { useId, useRef, useState } from 'react';
import { isResourceScenario, type ScenarioId } from '../../scenarios/ids.ts';
import type { Messages } from '../../i18n/en.ts';
import { useLab, useLabStore, useMessages } from '../common/lab.ts';
import type { LabStore } from '../../state/store.ts';
import type {
  backgroundOf as BackgroundOf,
  standaloneSvg as StandaloneSvg,
} from '../../export/standalone.ts';
import { exportRange, type ExportRange } from '../sequence/range.ts';

type Drawing = 'topology' | 'sequence';
type Job = { kind: 'svg' | 'png'; drawing: Drawing } | { kind: 'webm' | 'gif' };

/** Where each drawing is on the page: its panel's SVG. */
const DRAWINGS: Record<Drawing, string> = {
  topology: '#topology svg',
  sequence: '#sequence svg',
};

/**
 * Export for slides that cannot embed a live page: a drawing as a standalone SVG or a 2× PNG,
 * and the stage as a WebM video or an animated GIF at 1280×720. The exporters load on first use.
 */
export function ExportMenu() {
  const t = useMessages();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const store = useLabStore();
  // Read as the menu opens, not on every frame of play: which rows a sequence export would hold.
  const [range, setRange] = useState<ExportRange | null>(null);
  const rangeId = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const cancel = useRef(false);
  const run = useRunExport(setProgress, cancel);

  const start = (job: Job) => {
    setOpen(false);
    setProblem(null);
    cancel.current = false;
    run(job)
      .catch((error: unknown) => setProblem(problemText(t, error)))
      .finally(() => setProgress(null));
  };
  const items: [string, Job][] = [
    [t.export.topologySvg, { kind: 'svg', drawing: 'topology' }],
    [t.export.topologyPng, { kind: 'png', drawing: 'topology' }],
    [t.export.sequenceSvg, { kind: 'svg', drawing: 'sequence' }],
    [t.export.sequencePng, { kind: 'png', drawing: 'sequence' }],
    [t.export.webm, { kind: 'webm' }],
    [t.export.gif, { kind: 'gif' }],
  ];
  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={progress !== null}
        onClick={() => {
          if (!open) setRange(rangeOf(store));
          setOpen(!open);
        }}
        className="h-9 rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-600"
      >
        {t.export.button} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul
          id={menuId}
          aria-label={t.export.menu}
          className="absolute right-0 z-20 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
          onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        >
          {items.map(([label, job]) => {
            const partOfRun = isSequence(job) && range !== null && !range.whole;
            return (
              <li key={label}>
                <button
                  type="button"
                  onClick={() => start(job)}
                  aria-describedby={partOfRun ? rangeId : undefined}
                  className="w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  {label}
                </button>
                {partOfRun && job.kind === 'png' && (
                  <p id={rangeId} className="px-3 pb-1 text-xs text-slate-600 dark:text-slate-300">
                    {rowsNote(t, range, store)}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {progress !== null && (
        <p className="mt-2 flex items-center gap-2 text-sm" role="status">
          <progress
            value={progress}
            max={1}
            className="w-32"
            aria-label={t.export.recordingLabel}
          />
          {t.export.recording(Math.round(progress * 100))}
          <button
            type="button"
            onClick={() => (cancel.current = true)}
            className="rounded-md border border-slate-300 px-2 py-0.5 dark:border-slate-600"
          >
            {t.export.cancel}
          </button>
        </p>
      )}
      {problem && (
        <p role="alert" className="mt-2 max-w-sm text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The reason in the learner's language; the technical detail is of no use to them. */
const problemText = (t: Messages, error: unknown): string =>
  error instanceof NoVideoError ? t.export.noVideo : t.export.failed;

class NoVideoError extends Error {}

/** The export of one job, from the page as it is now; the cursor comes back when it is done. */
function useRunExport(setProgress: (done: number | null) => void, cancel: { current: boolean }) {
  const store = useLabStore();
  const t = useMessages();
  const spec = useLab((s) => s.spec);
  return async (job: Job) => {
    const name = fileStem(spec.scenario, spec.strategy, store.getState().cursorMs);
    const [{ standaloneSvg, backgroundOf }, raster] = await Promise.all([
      import('../../export/standalone.ts'),
      import('../../export/raster.ts'),
    ]);
    if (job.kind === 'svg' && job.drawing === 'sequence') {
      // The live diagram draws only the rows in its box: the file gets every row of the run.
      const { drawing, range } = await wholeSequence(store, standaloneSvg, backgroundOf);
      const blob = new Blob([drawing.text], { type: 'image/svg+xml' });
      return raster.download(blob, sequenceFile(spec.scenario, spec.strategy, range, 'svg'));
    }
    if (job.kind === 'png' && job.drawing === 'sequence') {
      const { drawing, range } = await wholeSequence(store, standaloneSvg, backgroundOf);
      const blob = await raster.svgToPng(drawing, 2);
      return raster.download(blob, sequenceFile(spec.scenario, spec.strategy, range, 'png'));
    }
    if (job.kind === 'svg' || job.kind === 'png') {
      const svg = document.querySelector<SVGSVGElement>(DRAWINGS[job.drawing]);
      if (!svg) throw new Error(`no ${job.drawing} drawing on the page`);
      const drawing = standaloneSvg(svg, backgroundOf(svg));
      const blob =
        job.kind === 'svg'
          ? new Blob([drawing.text], { type: 'image/svg+xml' })
          : await raster.svgToPng(drawing, 2);
      return raster.download(blob, `${name}-${job.drawing}.${job.kind}`);
    }
    const [{ frameCursors, SLIDE_PLAN }, encoders, { recordStage }, { STAGE_WIDTH, STAGE_HEIGHT }] =
      await Promise.all([
        import('../../export/frames.ts'),
        import('../../export/encoders.ts'),
        import('../../export/record.ts'),
        import('../../export/stageFrame.ts'),
      ]);
    if (job.kind === 'webm' && !(await encoders.canEncodeWebm(STAGE_WIDTH, STAGE_HEIGHT)))
      throw new NoVideoError();
    const state = store.getState();
    const { cursorMs } = state;
    state.pause();
    setProgress(0);
    const sink =
      job.kind === 'gif'
        ? encoders.gifSink(SLIDE_PLAN.fps)
        : encoders.webmSink(STAGE_WIDTH, STAGE_HEIGHT, SLIDE_PLAN.fps);
    const title = `${t.scenarios[spec.scenario].title}${
      isResourceScenario(spec.scenario) ? '' : ` · ${t.strategies[spec.strategy].title}`
    }`;
    try {
      const blob = await recordStage(
        {
          seek: (ms) => store.getState().seek(ms),
          view: () => stageView(title, t, store.getState().cursorMs),
        },
        frameCursors(state.timeline),
        sink,
        setProgress,
        () => cancel.current,
      );
      if (blob)
        raster.download(blob, `${fileStem(spec.scenario, spec.strategy, null)}.${job.kind}`);
    } finally {
      store.getState().seek(cursorMs);
    }
  };
}

const isSequence = (job: Job) => 'drawing' in job && job.drawing === 'sequence';

/** Which rows of the run an export of the sequence diagram holds now. */
const rangeOf = (store: LabStore): ExportRange => {
  const { timeline, cursorMs } = store.getState();
  return exportRange(timeline.stops, cursorMs);
};

const rowsNote = (t: Messages, range: ExportRange, store: LabStore) =>
  t.sequenceMore.exportRows(
    range.first + 1,
    range.last + 1,
    store.getState().timeline.stops.length,
  );

/** The whole sequence diagram drawn off screen, as a standalone SVG, and the rows it holds. */
async function wholeSequence(
  store: LabStore,
  standaloneSvg: typeof StandaloneSvg,
  backgroundOf: typeof BackgroundOf,
) {
  const { drawWholeSequence } = await import('../sequence/SequenceExport.tsx');
  const range = rangeOf(store);
  const drawn = drawWholeSequence(store, range);
  try {
    const panel = document.querySelector(DRAWINGS.sequence) ?? document.body;
    return { drawing: standaloneSvg(drawn.svg, backgroundOf(panel)), range };
  } finally {
    drawn.dispose();
  }
}

/** The whole run's file has no moment in its name; a long run's part names its rows. */
const sequenceFile = (scenario: ScenarioId, strategy: string, range: ExportRange, ext: string) =>
  `${fileStem(scenario, strategy, null)}-sequence${
    range.whole ? '' : `-rows-${range.first + 1}-${range.last + 1}`
  }.${ext}`;

const fileStem = (scenario: ScenarioId, strategy: string, cursorMs: number | null) =>
  `${isResourceScenario(scenario) ? scenario : `${scenario}-${strategy}`}${
    cursorMs === null ? '' : `-${Math.round(cursorMs)}ms`
  }`;

/** What the stage shows now, read from the page as a person sees it. */
function stageView(title: string, t: Messages, cursorMs: number) {
  const topology = document.querySelector<SVGSVGElement>(DRAWINGS.topology);
  if (!topology) throw new Error('no topology on the page');
  const headline = document.querySelector<HTMLElement>(
    '[data-testid="charges-headline"], [data-testid="resource-headline"]',
  );
  const page = getComputedStyle(document.body);
  return {
    title,
    moment: t.settings.ms(Math.round(cursorMs)),
    topology,
    caption: document.querySelector('[data-testid="caption"]')?.textContent?.trim() ?? '',
    // Its first two lines: the count and the verdict.
    headline: (headline?.innerText ?? '').split('\n').filter(Boolean).slice(0, 2).join(' — '),
    colors: { background: page.backgroundColor, text: page.color, muted: page.color },
  };
}
