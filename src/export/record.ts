import type { FrameSink } from './encoders.ts';
import { drawStage, STAGE_HEIGHT, STAGE_WIDTH, type StageView } from './stageFrame.ts';

/** What the recorder needs of the page: move the cursor, then read what the stage shows. */
export interface StagePage {
  seek(ms: number): void;
  view(): StageView;
}

/** Waits until the page has drawn what the last change asked for. */
const painted = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );

/**
 * Records the stage at each cursor into `sink`, reporting progress from 0 to 1; `cancelled` is
 * asked between frames. The page's own cursor comes back to where it was.
 */
export async function recordStage(
  page: StagePage,
  cursors: readonly number[],
  sink: FrameSink,
  progress: (done: number) => void,
  cancelled: () => boolean,
): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = STAGE_WIDTH;
  canvas.height = STAGE_HEIGHT;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas in this browser');
  let done = 0;
  for (const { cursor, frames } of holds(cursors)) {
    if (cancelled()) return null;
    page.seek(cursor);
    await painted();
    await drawStage(context, page.view());
    await sink.add(canvas, frames);
    done += frames;
    progress(done / cursors.length);
  }
  return sink.finish();
}

/** Runs of equal cursors: a held moment is drawn once, for as many frames as it lasts. */
export function holds(cursors: readonly number[]): { cursor: number; frames: number }[] {
  const runs: { cursor: number; frames: number }[] = [];
  for (const cursor of cursors) {
    const last = runs.at(-1);
    if (last?.cursor === cursor) last.frames++;
    else runs.push({ cursor, frames: 1 });
  }
  return runs;
}
