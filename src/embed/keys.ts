/**
 * What a presentation clicker's key does to an embedded stage. Clickers send PageDown/PageUp,
 * the arrows, Space, `.` and `b`. Forward keys step the run on and back keys step it back, until
 * the run's end (or start): there, and for every key the stage does not use, the key is the
 * deck's, so one clicker walks through the run and then on to the next slide.
 */
export const FORWARD_KEYS: readonly string[] = ['PageDown', 'ArrowRight', ' '];
export const BACK_KEYS: readonly string[] = ['PageUp', 'ArrowLeft'];

export type KeyOutcome = 'forward' | 'back' | 'deck';

export function clickerOutcome(key: string, cursorMs: number, endMs: number): KeyOutcome {
  if (FORWARD_KEYS.includes(key)) return cursorMs < endMs ? 'forward' : 'deck';
  if (BACK_KEYS.includes(key)) return cursorMs > 0 ? 'back' : 'deck';
  return 'deck';
}

/**
 * Keys the frame keeps for itself whatever the stage does with them: moving focus between its
 * few controls, and the modifier keys pressed on their own.
 */
const FRAME_KEYS = new Set(['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);

/**
 * Whether a key pressed inside the frame is the clicker's business at all: not with a modifier
 * (browser shortcuts), not the frame's own keys, and not Enter or Space on a link or button, which
 * they activate.
 */
export function isClickerKey(
  key: string,
  modifiers: { altKey: boolean; ctrlKey: boolean; metaKey: boolean },
  onControl: boolean,
): boolean {
  if (modifiers.altKey || modifiers.ctrlKey || modifiers.metaKey) return false;
  if (FRAME_KEYS.has(key)) return false;
  return !(onControl && (key === 'Enter' || key === ' '));
}
