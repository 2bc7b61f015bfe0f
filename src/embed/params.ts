import { SPEEDS, type Speed } from '../state/slices.ts';

/**
 * The link parameters of an embedded stage (`?embed=1&view=topology,caption&theme=dark&scale=1.5`),
 * read beside the run's own (src/state/url.ts reads those and ignores these). Like the run's
 * parameters, a bad value never breaks the page: it falls back to its default.
 */

/** The panels a stage can show, in the order a `view=` list may name them. */
export const PANELS = ['topology', 'caption', 'ledger', 'sequence', 'compare'] as const;
export type PanelName = (typeof PANELS)[number];

export const DEFAULT_VIEW: readonly PanelName[] = ['topology', 'caption', 'ledger'];

/** How far `scale=` may enlarge or shrink the stage: beyond these, nothing fits a frame. */
export const SCALE_MIN = 0.5;
export const SCALE_MAX = 3;

/** The longest run a moment can name, as `at=` allows (src/state/url.ts): seven digits of ms. */
const MOMENT_MAX_MS = 9_999_999;

export interface EmbedParams {
  /** The panels to show, each once, in the order named. */
  view: readonly PanelName[];
  /** Overrides the system's colour scheme; null follows it. */
  theme: 'light' | 'dark' | null;
  /** Enlarges text and drawings for a projector: 1 as designed, 1.5 half as large again. */
  scale: number;
  autoplay: boolean;
  /** A playback speed from the lab's own list, or null for the lab's default. */
  speed: Speed | null;
  /** Play up to this moment (virtual ms), then hold there; null plays to the end. */
  until: number | null;
  /** Start again from the beginning at the end (or at `until`). */
  loop: boolean;
}

const isPanel = (name: string): name is PanelName => (PANELS as readonly string[]).includes(name);

/** `view=ledger,topology` → the named panels, each once; none valid → the default. */
export function parseView(text: string | null): readonly PanelName[] {
  if (text === null) return DEFAULT_VIEW;
  const named = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(isPanel);
  const view = [...new Set(named)];
  return view.length ? view : DEFAULT_VIEW;
}

function parseScale(text: string | null): number {
  if (text === null || !/^\d{1,2}(\.\d{1,3})?$/.test(text)) return 1;
  return Math.min(SCALE_MAX, Math.max(SCALE_MIN, Number(text)));
}

function parseSpeed(text: string | null): Speed | null {
  if (text === null) return null;
  return SPEEDS.find((speed) => String(speed) === text || `${speed}x` === text) ?? null;
}

function parseMoment(text: string | null): number | null {
  if (text === null || !/^\d{1,7}$/.test(text)) return null;
  return Math.min(Number(text), MOMENT_MAX_MS);
}

const isOn = (text: string | null) => text === '1' || text === 'true';

export function parseEmbedParams(search: string): EmbedParams {
  const params = new URLSearchParams(search);
  const theme = params.get('theme');
  return {
    view: parseView(params.get('view')),
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    scale: parseScale(params.get('scale')),
    autoplay: isOn(params.get('autoplay')),
    speed: parseSpeed(params.get('speed')),
    until: parseMoment(params.get('until')),
    loop: isOn(params.get('loop')),
  };
}
