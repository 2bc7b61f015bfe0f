/** Playback icons as inline SVG: every system font draws them the same, and they scale with text. */
const frame = (children: React.ReactNode) => (
  <svg viewBox="0 0 16 16" className="size-4 fill-current" aria-hidden="true" focusable="false">
    {children}
  </svg>
);

export const PlayIcon = () => frame(<path d="M4 2.5v11l9-5.5z" />);
export const PauseIcon = () =>
  frame(
    <>
      <rect x="3.5" y="2.5" width="3" height="11" rx="0.5" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="0.5" />
    </>,
  );
export const StepForwardIcon = () =>
  frame(
    <>
      <path d="M3 2.5v11l7.5-5.5z" />
      <rect x="11" y="2.5" width="2.5" height="11" rx="0.5" />
    </>,
  );
export const StepBackIcon = () =>
  frame(
    <>
      <path d="M13 2.5v11L5.5 8z" />
      <rect x="2.5" y="2.5" width="2.5" height="11" rx="0.5" />
    </>,
  );
export const ResetIcon = () =>
  frame(<path d="M8 2.5a5.5 5.5 0 1 1-5.2 7.3l1.4-.5A4 4 0 1 0 8 4v2L4.5 3.25 8 .5z" />);
