// The only module that imports the chart library: it loads with the usage tab's chunk.
import { BarChart } from '@mui/x-charts/BarChart';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDay } from '@/lib/format';
import type { ChartSeries } from './chart-data';
import type { Metric } from './usage-view';

interface Props {
  days: string[];
  series: ChartSeries[];
  metric: Metric;
  /** The chart's accessible name (the section's heading says the same). */
  title: string;
  height?: number;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const usdAxis = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

/** `11/1` where a month or the range starts, else `2`, `3`, …: short enough for a narrow band. */
export function tickLabel(day: string, first: string | undefined): string {
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  return date === 1 || day === first ? `${month}/${date}` : String(date);
}

/** Stacked bars, one per day, one color per group. */
export function UsageChart({ days, series, metric, title, height = 320 }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tokensAxis = useMemo(() => new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP', { notation: 'compact', maximumFractionDigits: 1 }), [lang]);
  const value = (v: number | null) => (v === null ? '' : metric === 'cost' ? usd.format(v) : formatCount(v, lang));
  return (
    <BarChart
      height={height}
      title={title}
      skipAnimation
      localeText={{ noData: t('usage.chart.noData'), loading: t('common.loading') }}
      xAxis={[
        {
          scaleType: 'band',
          data: days,
          // Ticks: the day of the month, with the month where a month (or the range) starts; the tooltip: the full day.
          valueFormatter: (day: string, context) => (context.location === 'tick' ? tickLabel(day, days[0]) : formatDay(day, lang)),
          // Room for the labels in the app's font (Noto Sans JP is taller than the default 25 px allow: they would be dropped).
          height: 36,
        },
      ]}
      yAxis={[{ valueFormatter: (v: number) => (metric === 'cost' ? usdAxis.format(v) : tokensAxis.format(v)), width: 64 }]}
      series={series.map((s) => ({ id: s.id, label: s.label, data: s.data, stack: 'total', valueFormatter: value }))}
      grid={{ horizontal: true }}
      slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'bottom', horizontal: 'center' } } }}
    />
  );
}
