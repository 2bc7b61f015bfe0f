/**
 * Pixels in one rem, as the reader's browser sets it: boxes sized in rem (the log's 32rem, the
 * diagram's 28rem) hold more pixels when someone has chosen larger text. Read once; outside a
 * browser (tests) it is the usual 16.
 */
export const REM_PX =
  typeof document === 'undefined'
    ? 16
    : parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
