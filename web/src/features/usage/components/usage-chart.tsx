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
          valueFormatter: (day: string, context) => formatDay(day, lang, context.location === 'tick' ? 'short' : 'long'),
          tickLabelMinGap: 12,
        },
      ]}
      yAxis={[{ valueFormatter: (v: number) => (metric === 'cost' ? usdAxis.format(v) : tokensAxis.format(v)), width: 64 }]}
      series={series.map((s) => ({ id: s.id, label: s.label, data: s.data, stack: 'total', valueFormatter: value }))}
      grid={{ horizontal: true }}
      slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'bottom', horizontal: 'center' } } }}
    />
  );
}

export default UsageChart;
