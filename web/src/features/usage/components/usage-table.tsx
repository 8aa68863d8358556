import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import { formatCount } from '@/lib/format';
import { formatUsdDecimalCents } from '@/lib/money';
import type { GroupBy, UsageReport, UsageTotals } from '../api/usage-api';
import { groupName } from './group-name';

const NUMERIC = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

function Numbers({ totals, lang }: { totals: UsageTotals; lang: string }) {
  return (
    <>
      <TableCell align="right" sx={NUMERIC} data-testid="usage-input">
        {formatCount(totals.inputTokens, lang)}
      </TableCell>
      <TableCell align="right" sx={NUMERIC} data-testid="usage-output">
        {formatCount(totals.outputTokens, lang)}
      </TableCell>
      <TableCell align="right" sx={NUMERIC} data-testid="usage-cache-read">
        {formatCount(totals.cacheReadInputTokens, lang)}
      </TableCell>
      <TableCell align="right" sx={NUMERIC} data-testid="usage-cache-write">
        {formatCount(totals.cacheCreationInputTokens, lang)}
      </TableCell>
      <TableCell align="right" sx={NUMERIC} data-testid="usage-requests">
        {formatCount(totals.requests, lang)}
      </TableCell>
      <TableCell align="right" sx={{ ...NUMERIC, fontWeight: 500 }} data-testid="usage-cost">
        {formatUsdDecimalCents(totals.costCents)}
      </TableCell>
    </>
  );
}

/** Every group of the report with its totals (the exact cost, rounded to the cent), then the totals. */
export function UsageTable({ report, groupBy, label, busy }: { report: UsageReport; groupBy: GroupBy; label: string; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const head = (text: string, align?: 'right') => (
    <TableCell align={align} sx={{ whiteSpace: 'nowrap' }}>
      {text}
    </TableCell>
  );
  return (
    // The frame scrolls sideways on a narrow screen and takes the focus for the arrow keys.
    <TableContainer component={Paper} variant="outlined" tabIndex={0} role="region" aria-label={label}>
      <Table size="small" aria-label={label} aria-busy={busy} data-testid="usage-table">
        <TableHead>
          <TableRow>
            {head(t(`usage.groupBy.${groupBy}`))}
            {head(t('usage.columns.input'), 'right')}
            {head(t('usage.columns.output'), 'right')}
            {head(t('usage.columns.cacheRead'), 'right')}
            {head(t('usage.columns.cacheWrite'), 'right')}
            {head(t('usage.columns.requests'), 'right')}
            {head(t('usage.columns.cost'), 'right')}
          </TableRow>
        </TableHead>
        <TableBody sx={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' }}>
          {report.groups.map((g) => (
            <TableRow key={g.key ?? '\u0000'} hover data-testid="usage-row">
              <TableCell component="th" scope="row" sx={{ overflowWrap: 'anywhere', minWidth: '10em' }} data-testid="usage-name">
                {groupName(t, groupBy, g)}
              </TableCell>
              <Numbers totals={g.totals} lang={lang} />
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow data-testid="usage-total-row" sx={{ '& > *': { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem' } }}>
            <TableCell component="th" scope="row">
              {t('usage.total')}
            </TableCell>
            <Numbers totals={report.totals} lang={lang} />
          </TableRow>
        </TableFooter>
      </Table>
    </TableContainer>
  );
}
