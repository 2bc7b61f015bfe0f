/**
 * Scrolls the page just enough to show the element with this id — on a phone the simulator sits
 * below the lesson text, and a run that plays out of sight teaches nothing. Moves nothing when it
 * is already in view, and does not animate for a reader who asked for less motion.
 */
export function bringIntoView(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ block: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
}

/** The playback bar's id: "Play it" buttons bring it, and the topology below it, into view. */
export const PLAYBACK_ID = 'playback';

/** The "Compare with another strategy" box: ticking it brings the comparison into view. */
export const COMPARE_TOGGLE_ID = 'compare-toggle';
