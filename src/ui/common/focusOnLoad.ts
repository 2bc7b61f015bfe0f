/**
 * Whether the page may move focus on its own right now. A page inside a frame (a slide) that does
 * not have focus must never take it: the deck around it would stop getting the presentation
 * clicker's keys. Once the reader clicks into the frame, it has focus, and moving it within the
 * frame (a new lesson step's title) is fine again.
 */
export const mayMoveFocus = (): boolean => window.self === window.top || document.hasFocus();
