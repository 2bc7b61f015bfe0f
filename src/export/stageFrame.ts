import { svgImage } from './raster.ts';
import { standaloneSvg } from './standalone.ts';

/** The size of an exported stage: a 16:9 slide. */
export const STAGE_WIDTH = 1280;
export const STAGE_HEIGHT = 720;

/** What one frame of the stage shows, read from the page at a moment. */
export interface StageView {
  /** The scenario and strategy, across the top. */
  title: string;
  /** The moment, e.g. "1220 ms". */
  moment: string;
  topology: SVGSVGElement;
  /** What just happened, in a sentence. */
  caption: string;
  /** The ledger's headline: charges against payments, or changes kept and lost. */
  headline: string;
  colors: { background: string; text: string; muted: string };
}

const MARGIN = 40;
const TITLE_FONT = '600 30px system-ui, sans-serif';
const CAPTION_FONT = '500 30px system-ui, sans-serif';
const HEADLINE_FONT = '700 28px system-ui, sans-serif';
const SMALL_FONT = '22px ui-monospace, monospace';

/** Draws one frame: title, the topology scaled to fit, the caption and the headline under it. */
export async function drawStage(context: CanvasRenderingContext2D, view: StageView) {
  const { colors } = view;
  context.fillStyle = colors.background;
  context.fillRect(0, 0, STAGE_WIDTH, STAGE_HEIGHT);
  context.textBaseline = 'top';
  context.fillStyle = colors.text;
  context.font = TITLE_FONT;
  context.fillText(view.title, MARGIN, MARGIN - 8, STAGE_WIDTH - 2 * MARGIN - 160);
  context.fillStyle = colors.muted;
  context.font = SMALL_FONT;
  context.textAlign = 'right';
  context.fillText(view.moment, STAGE_WIDTH - MARGIN, MARGIN - 4);
  context.textAlign = 'left';

  const textTop = STAGE_HEIGHT - 190;
  const drawing = standaloneSvg(view.topology, colors.background);
  const image = await svgImage(drawing);
  const box = {
    x: MARGIN,
    y: MARGIN + 40,
    width: STAGE_WIDTH - 2 * MARGIN,
    height: textTop - MARGIN - 56,
  };
  const scale = Math.min(box.width / drawing.width, box.height / drawing.height);
  const width = drawing.width * scale;
  const height = drawing.height * scale;
  context.drawImage(
    image,
    box.x + (box.width - width) / 2,
    box.y + (box.height - height) / 2,
    width,
    height,
  );

  context.fillStyle = colors.text;
  context.font = CAPTION_FONT;
  wrapLines(context, view.caption, STAGE_WIDTH - 2 * MARGIN)
    .slice(0, 3)
    .forEach((line, i) => context.fillText(line, MARGIN, textTop + i * 40));
  context.font = HEADLINE_FONT;
  context.fillText(view.headline, MARGIN, STAGE_HEIGHT - MARGIN - 28, STAGE_WIDTH - 2 * MARGIN);
}

/** Splits `text` into lines no wider than `width` in the context's current font. */
export function wrapLines(
  context: CanvasRenderingContext2D,
  text: string,
  width: number,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const tried = line ? `${line} ${word}` : word;
    if (line && context.measureText(tried).width > width) {
      lines.push(line);
      line = word;
    } else line = tried;
  }
  if (line) lines.push(line);
  return lines;
}
