import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import { formatUsdDecimalCents } from '@/lib/money';
import type { OrganizationCostSummary } from '../hooks/use-organization-costs';

/** A tiny line of the daily values (no chart library: the dashboard stays light). Decorative: the text says the same. */
export function Sparkline({ values, width = 96, height = 28 }: { values: number[]; width?: number; height?: number }) {
  const theme = useTheme();
  if (values.length < 2) return null;
  const max = Math.max(...values);
  const pad = 2;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (values.length - 1);
  const y = (v: number) => (max > 0 ? height - pad - (v / max) * (height - 2 * pad) : height - pad);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" data-testid="cost-sparkline">
      <polyline points={points} fill="none" stroke={theme.palette.primary.main} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}

/** The change against the same days of last month, as a whole percentage: `+12%`, `−5%`, `±0%`; null without a base. */
export function percentChange(currentCents: string, previousCents: string): string | null {
  const previous = Number(previousCents);
  const current = Number(currentCents);
  if (!Number.isFinite(previous) || !Number.isFinite(current) || previous <= 0) return null;
  const change = Math.round(((current - previous) / previous) * 100);
  return change > 0 ? `+${change}%` : change < 0 ? `−${-change}%` : '±0%';
}

/** On an organization card: this month's cost, its daily trend, and the change against last month. */
export function CostTrend({ summary }: { summary: OrganizationCostSummary }) {
  const { t } = useTranslation();
  const change = summary.previousCents === null ? null : percentChange(summary.costCents, summary.previousCents);
  return (
    <Box sx={{ mt: 2, pt: 2, borderTop: 1, borderColor: 'divider' }} data-testid="organization-cost">
      <Typography variant="body2" color="text.secondary">
        {t('dashboard.usage.thisMonth')}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="p" fontWeight={700} sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid="organization-cost-amount">
          {formatUsdDecimalCents(summary.costCents)}
        </Typography>
        <Sparkline values={summary.daily} />
      </Box>
      {summary.previousCents !== null ? (
        <Typography variant="caption" color="text.secondary" data-testid="organization-cost-change">
          {change ? t('dashboard.usage.change', { change }) : t('dashboard.usage.noPrevious')}
        </Typography>
      ) : null}
    </Box>
  );
}
