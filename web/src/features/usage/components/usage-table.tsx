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

/** The totals row reads like the body, in bold (a table footer is small and grey by default). */
const TOTAL = { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem', borderBottom: 0 } as const;

function Numbers({ totals, lang, total = false }: { totals: UsageTotals; lang: string; total?: boolean }) {
  const cell = (testId: string, text: string, sx: object = {}) => (
    <TableCell align="right" sx={{ ...NUMERIC, ...sx, ...(total ? TOTAL : {}) }} data-testid={testId}>
      {text}
    </TableCell>
  );
  return (
    <>
      {cell('usage-input', formatCount(totals.inputTokens, lang))}
      {cell('usage-output', formatCount(totals.outputTokens, lang))}
      {cell('usage-cache-read', formatCount(totals.cacheReadInputTokens, lang))}
      {cell('usage-cache-write', formatCount(totals.cacheCreationInputTokens, lang))}
      {cell('usage-requests', formatCount(totals.requests, lang))}
      {cell('usage-cost', formatUsdDecimalCents(totals.costCents), { fontWeight: 500 })}
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
          <TableRow data-testid="usage-total-row">
            <TableCell component="th" scope="row" sx={TOTAL}>
              {t('usage.total')}
            </TableCell>
            <Numbers totals={report.totals} lang={lang} total />
          </TableRow>
        </TableFooter>
      </Table>
    </TableContainer>
  );
}
