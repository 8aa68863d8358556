import { describe, expect, it } from 'vitest';
import type { UsageGroup, UsageTotals } from '../api/usage-api';
import { chartSeries, MAX_SERIES, OTHERS_ID } from './chart-data';

const DAYS = ['2025-03-01', '2025-03-02', '2025-03-03'];

function totals(costCents: string, tokens = 0): UsageTotals {
  return { uncachedInputTokens: tokens, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, inputTokens: tokens, outputTokens: 0, requests: 0, costCents };
}

function group(i: number, costCents: string, tokens = 0): UsageGroup {
  return { key: `g${i}`, label: `G${i}`, totals: totals(costCents, tokens), days: [{ day: '2025-03-02', ...totals(costCents, tokens) }] };
}

describe('chartSeries', () => {
  it('one series per group over every day, zeros where a day had no usage', () => {
    const series = chartSeries([group(1, '250'), group(2, '0.5')], 'cost', DAYS, (g) => g.label, 'その他');
    expect(series.map((s) => [s.label, s.data])).toEqual([
      ['G1', [0, 2.5, 0]],
      ['G2', [0, 0.005, 0]],
    ]);
  });

  it(`the ${MAX_SERIES} largest by themselves, the rest as one その他 series`, () => {
    const groups = Array.from({ length: 11 }, (_, i) => group(i, String((11 - i) * 100)));
    const series = chartSeries(groups, 'cost', DAYS, (g) => g.label, 'その他');
    expect(series).toHaveLength(MAX_SERIES + 1);
    expect(series.slice(0, MAX_SERIES).map((s) => s.label)).toEqual(['G0', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7']);
    const others = series.at(-1)!;
    expect(others).toMatchObject({ id: OTHERS_ID, label: 'その他' });
    // G8, G9, G10: $3 + $2 + $1.
    expect(others.data).toEqual([0, 6, 0]);
  });

  it('by tokens, the largest by tokens', () => {
    const series = chartSeries([group(1, '900', 10), group(2, '100', 500)], 'tokens', DAYS, (g) => g.label, 'その他');
    expect(series.map((s) => [s.label, s.data[1]])).toEqual([
      ['G2', 500],
      ['G1', 10],
    ]);
  });
});
