// The series of the usage chart: one per group (the largest few), the rest together as その他.
// Chart values are floats (dollars or tokens): the exact amounts are in the table.
import type { UsageGroup, UsageTotals } from '../api/usage-api';
import type { Metric } from './usage-view';

/** Groups drawn one by one; the others are summed into one series. */
export const MAX_SERIES = 8;
export const OTHERS_ID = '__others__';

export interface ChartSeries {
  id: string;
  label: string;
  /** One value per day of `days`. */
  data: number[];
}

/** Dollars (for the axis only) or input + output tokens. */
export function metricValue(totals: UsageTotals, metric: Metric): number {
  return metric === 'cost' ? Number(totals.costCents) / 100 : totals.inputTokens + totals.outputTokens;
}

function daily(group: UsageGroup, metric: Metric, index: Map<string, number>, length: number): number[] {
  const data = new Array<number>(length).fill(0);
  for (const d of group.days) {
    const i = index.get(d.day);
    if (i !== undefined) data[i] += metricValue(d, metric);
  }
  return data;
}

/**
 * `groups` as stacked series over `days`: the MAX_SERIES largest by the metric, then one series
 * for the rest (labelled `othersLabel`) when there is a rest.
 */
export function chartSeries(groups: UsageGroup[], metric: Metric, days: string[], name: (group: UsageGroup) => string, othersLabel: string): ChartSeries[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const ranked = metric === 'cost' ? groups : [...groups].sort((a, b) => metricValue(b.totals, metric) - metricValue(a.totals, metric));
  const shown = ranked.slice(0, MAX_SERIES);
  const rest = ranked.slice(MAX_SERIES);
  const series = shown.map((g, i) => ({ id: `${i}:${g.key ?? ''}`, label: name(g), data: daily(g, metric, index, days.length) }));
  if (rest.length > 0) {
    const data = new Array<number>(days.length).fill(0);
    for (const g of rest) daily(g, metric, index, days.length).forEach((v, i) => (data[i] += v));
    series.push({ id: OTHERS_ID, label: othersLabel, data });
  }
  return series;
}
