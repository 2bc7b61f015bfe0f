import { useCallback, useMemo } from 'react';
import { callsOf, type CallSpan } from '../../report/calls.ts';
import { formatMoney } from '../../i18n/i18n.ts';
import { SEQUENCE_TEXTS, type SequenceTexts } from '../../i18n/sequenceTexts.ts';
import { useLab, useMessages } from '../common/lab.ts';
import {
  callLabel,
  indexWires,
  labelItems,
  laneEvents,
  lanesOf,
  placeLabels,
  rowsOf,
} from './geometry.ts';

/** Widths are rounded to this many pixels: a box resized by a pixel does not lay labels out anew. */
const WIDTH_STEP = 8;

/**
 * Everything the sequence diagram draws that depends on the run and the box's width, not on the
 * cursor: lanes, rows, the server's calls, and where every label stands. Worked out once per run
 * (and per width), shared by the live diagram and its export.
 */
export function useSequenceLayout(unfolded: boolean, boxWidth: number | null) {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const words = SEQUENCE_TEXTS[lang];
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const fitTo = boxWidth === null ? null : Math.floor(boxWidth / WIDTH_STEP) * WIDTH_STEP;
  const lanes = useMemo(
    () => lanesOf(timeline, run.world, unfolded, fitTo),
    [timeline, run.world, unfolded, fitTo],
  );
  const rows = useMemo(() => rowsOf(timeline), [timeline]);
  const spans = useMemo(() => indexWires(timeline.spans), [timeline]);
  const calls = useMemo(() => indexWires(callsOf(timeline.trace)), [timeline]);
  const points = useMemo(() => laneEvents(timeline.trace), [timeline]);
  const money = useCallback((minorUnits: number) => formatMoney(lang, minorUnits), [lang]);
  const labels = useMemo(
    () =>
      placeLabels(labelItems(timeline, calls.wires, lanes, rows.y, t, words, money), lanes.width),
    [timeline, calls, lanes, rows, t, words, money],
  );
  return { t, words, timeline, lanes, rows, spans, calls, points, labels, money };
}

export type SequenceLayout = ReturnType<typeof useSequenceLayout>;

/** A call's or an answer's whole name, for a screen reader and a tooltip. */
export function callName(
  call: CallSpan,
  words: SequenceTexts,
  money: (minorUnits: number) => string,
) {
  return words.named(call.from, call.to, callLabel(call, words, money));
}
