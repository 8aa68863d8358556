import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/error-alert';
import { DownloadIcon, RefreshIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useAuth, type Role } from '@/lib/auth-store';
import { dayCount, daysBetween, todayUtc } from '@/lib/dates';
import { saveFile } from '@/lib/download';
import { formatDay } from '@/lib/format';
import { formatUsdDecimalCents } from '@/lib/money';
import { usageQueryKey, type UsageQuery, type UsageRun } from '../api/usage-api';
import { useCollectUsage, useDownloadUsageCsv, useLatestUsageRun, useUsage } from '../hooks/use-usage';
import { chartSeries, MAX_SERIES } from './chart-data';
import { groupName } from './group-name';
import { UsageChart } from './usage-chart';
import { LastRun, RunProgress } from './usage-run';
import { UsageTable } from './usage-table';
import { groupingsFor, RANGE_PRESETS, readView, writeView, type Metric, type RangePreset, type UsageView } from './usage-view';

/**
 * 「今すぐ集計」 and the collection it started (SuperAdmin, Admin): the latest run is polled while
 * it runs; when it ends, the report is fetched again. A User reads the run from the report.
 */
function useCollection(canCollect: boolean, reportRun: UsageRun | null) {
  const queryClient = useQueryClient();
  const collect = useCollectUsage();
  const [startedId, setStartedId] = useState<string | null>(null);
  const latest = useLatestUsageRun(canCollect, startedId);
  const run = canCollect && latest.data !== undefined ? latest.data : reportRun;

  const seen = useRef<{ id: string; status: string } | null>(null);
  const refreshedFor = useRef<string | null>(null);
  const runId = run?.id;
  const runStatus = run?.status;
  useEffect(() => {
    if (!canCollect || !runId || !runStatus) return;
    const previous = seen.current;
    seen.current = { id: runId, status: runStatus };
    const ended = runStatus !== 'running' && ((previous?.id === runId && previous.status === 'running') || runId === startedId);
    if (ended && refreshedFor.current !== runId) {
      refreshedFor.current = runId;
      void queryClient.invalidateQueries({ queryKey: usageQueryKey });
    }
  }, [canCollect, runId, runStatus, startedId, queryClient]);

  const start = () => collect.mutate(undefined, { onSuccess: (r) => setStartedId(r.runId) });
  const running = collect.isPending || run?.status === 'running' || (startedId !== null && run?.id !== startedId && !latest.error);
  return { run, running, start, error: collect.error ?? latest.error };
}

/** A toggle button not chosen still reads as text (MUI's grey fails WCAG AA contrast). */
const UNSELECTED_READABLE = {
  px: 1.5,
  whiteSpace: 'nowrap',
  '&:not(.Mui-selected)': { color: 'text.primary', bgcolor: 'background.paper' },
  '&:not(.Mui-selected):hover': { bgcolor: 'grey.100' },
} as const;

/** Whose usage the page shows (the server scopes it by role). */
function useScopeNote(role: Role, organization: string | undefined): string {
  const { t } = useTranslation();
  if (role === 'User') return t('usage.scope.user');
  if (role === 'Admin') return t('usage.scope.admin', { organization: organization ?? '' });
  return t('usage.scope.superAdmin');
}

interface Props {
  /** Today in UTC (tests fix it); the presets count from it. */
  today?: string;
}

/**
 * 利用状況: usage and cost per organization, user, key, workspace or model over a range of days,
 * as a stacked chart and a table of exact totals; the view lives in the URL; a CSV of the same.
 */
export function UsagePage({ today: fixedToday }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { user } = useAuth();
  const role: Role = user?.role ?? 'User';
  const canCollect = role === 'SuperAdmin' || role === 'Admin';
  const scopeNote = useScopeNote(role, user?.organization?.name);
  const [today] = useState(() => fixedToday ?? todayUtc());
  const [params, setParams] = useSearchParams();
  const view = readView(params, role, today);
  const update = (change: Partial<UsageView>, replace = false) =>
    setParams((prev) => writeView({ ...readView(prev, role, today), ...change }, role, prev), { replace });

  const query: UsageQuery | null = view.rangeError ? null : { from: view.from, to: view.to, groupBy: view.groupBy };
  const usage = useUsage(query, { pollWhileRunning: !canCollect });
  const report = usage.data;
  const collection = useCollection(canCollect, report?.latestRun ?? null);
  const download = useDownloadUsageCsv(saveFile);
  const busy = usage.isFetching && usage.isPlaceholderData;

  const reportGroupBy = report?.groupBy ?? view.groupBy;
  const nameOf = useMemo(() => (g: Parameters<typeof groupName>[2]) => groupName(t, reportGroupBy, g), [t, reportGroupBy]);
  const days = useMemo(() => (report ? daysBetween(report.from, report.to) : []), [report]);
  const series = useMemo(
    () => (report ? chartSeries(report.groups, view.metric, days, nameOf, t('usage.chart.others')) : []),
    [report, view.metric, days, nameOf, t],
  );

  const chartTitleId = useId();
  const groupingLabelId = useId();
  const chartTitle = t(view.metric === 'cost' ? 'usage.chart.titleCost' : 'usage.chart.titleTokens');
  const tableLabel = t(`usage.tableBy.${reportGroupBy}`);

  return (
    <>
      <PageHeader title={t('nav.usage')} />
      <Typography color="text.secondary" sx={{ mt: -1, mb: 2 }}>
        {t('usage.intro')}
        {lang === 'en' ? ' ' : ''}
        {scopeNote}
      </Typography>

      <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mb: 1 }}>
        <Box>
          <Typography id={groupingLabelId} variant="caption" color="text.secondary" component="p">
            {t('usage.groupByLabel')}
          </Typography>
          <ToggleButtonGroup
            exclusive
            size="small"
            color="primary"
            value={view.groupBy}
            onChange={(_e, value: UsageView['groupBy'] | null) => value && update({ groupBy: value })}
            aria-labelledby={groupingLabelId}
            sx={{ flexWrap: 'wrap' }}
          >
            {groupingsFor(role).map((g) => (
              <ToggleButton key={g} value={g} sx={UNSELECTED_READABLE}>
                {t(`usage.groupBy.${g}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
        <TextField
          select
          size="small"
          margin="none"
          label={t('usage.range.label')}
          value={view.range}
          onChange={(e) => {
            const range = e.target.value as RangePreset;
            update(range === 'custom' ? { range, from: view.from, to: view.to } : { range });
          }}
          sx={{ width: 160, alignSelf: 'flex-end' }}
        >
          {RANGE_PRESETS.map((p) => (
            <MenuItem key={p} value={p}>
              {t(`usage.range.${p}`)}
            </MenuItem>
          ))}
        </TextField>
        {view.range === 'custom' ? (
          <>
            <TextField
              type="date"
              size="small"
              margin="none"
              label={t('usage.range.from')}
              value={view.from}
              onChange={(e) => update({ from: e.target.value }, true)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
              sx={{ width: 170, alignSelf: 'flex-end' }}
            />
            <TextField
              type="date"
              size="small"
              margin="none"
              label={t('usage.range.to')}
              value={view.to}
              onChange={(e) => update({ to: e.target.value }, true)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
              sx={{ width: 170, alignSelf: 'flex-end' }}
            />
          </>
        ) : null}
        <Box sx={{ flexGrow: 1 }} />
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ alignSelf: 'flex-end' }}>
          <Button variant="outlined" startIcon={<DownloadIcon />} disabled={!query || download.isPending} onClick={() => query && download.mutate(query)}>
            {t('usage.downloadCsv')}
          </Button>
          {canCollect ? (
            <Button variant="contained" startIcon={<RefreshIcon />} disabled={collection.running} onClick={collection.start}>
              {t('usage.collect')}
            </Button>
          ) : null}
        </Stack>
      </Stack>

      {view.rangeError ? (
        <Alert severity="warning" sx={{ my: 1 }} data-testid="usage-range-error">
          {t(view.rangeError, { max: 366 })}
        </Alert>
      ) : (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="usage-range">
          {t('usage.range.shown', { from: formatDay(view.from, lang), to: formatDay(view.to, lang), days: dayCount(view.from, view.to) })}
        </Typography>
      )}

      {collection.running ? <RunProgress run={collection.run?.status === 'running' ? collection.run : null} /> : <LastRun run={collection.run} />}
      {collection.error ? <ErrorAlert error={collection.error} /> : null}
      {download.error ? <ErrorAlert error={download.error} /> : null}
      {collection.run?.source === 'reports' ? (
        <Alert severity="info" sx={{ mt: 2 }} data-testid="usage-reports-note">
          <AlertTitle>{t('usage.reportsNote.title')}</AlertTitle>
          {t('usage.reportsNote.body')}
        </Alert>
      ) : null}

      <Box sx={{ mt: 2 }}>
        <QueryState isLoading={usage.isLoading} error={usage.error}>
          {report ? (
            <>
              <Box sx={{ height: 4 }}>{busy ? <LinearProgress aria-label={t('common.loading')} /> : null}</Box>
              <Paper component="section" variant="outlined" aria-labelledby={chartTitleId} sx={{ p: { xs: 1.5, sm: 2 }, mb: 3 }}>
                <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap' }}>
                  <Box>
                    <Typography id={chartTitleId} variant="h6" component="h2">
                      {chartTitle}
                    </Typography>
                    <Typography variant="body2" color="text.secondary" data-testid="usage-total-summary">
                      {t('usage.totalCost', { cost: formatUsdDecimalCents(report.totals.costCents) })}
                    </Typography>
                  </Box>
                  <ToggleButtonGroup
                    exclusive
                    size="small"
                    color="primary"
                    value={view.metric}
                    onChange={(_e, value: Metric | null) => value && update({ metric: value })}
                    aria-label={t('usage.chart.metric')}
                  >
                    <ToggleButton value="cost" sx={UNSELECTED_READABLE}>
                      {t('usage.chart.cost')}
                    </ToggleButton>
                    <ToggleButton value="tokens" sx={UNSELECTED_READABLE}>
                      {t('usage.chart.tokens')}
                    </ToggleButton>
                  </ToggleButtonGroup>
                </Box>
                {report.groups.length === 0 ? (
                  <Typography color="text.secondary" sx={{ py: 6, textAlign: 'center' }} data-testid="usage-empty">
                    {report.latestRun ? t('usage.empty') : t('usage.notCollected')}
                  </Typography>
                ) : (
                  <Box role="figure" aria-labelledby={chartTitleId} data-testid="usage-chart" sx={{ mt: 1, opacity: busy ? 0.6 : 1 }}>
                    <UsageChart days={days} series={series} metric={view.metric} title={chartTitle} />
                    <Typography variant="caption" color="text.secondary" component="p">
                      {t('usage.chart.note', { top: MAX_SERIES })}
                    </Typography>
                  </Box>
                )}
              </Paper>
              {report.groups.length > 0 ? (
                <Box component="section" aria-labelledby={`${chartTitleId}-table`}>
                  <Typography id={`${chartTitleId}-table`} variant="h6" component="h2" sx={{ mb: 1 }}>
                    {tableLabel}
                  </Typography>
                  <UsageTable report={report} groupBy={reportGroupBy} label={tableLabel} busy={busy} />
                  <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
                    {t('usage.tableNote')}
                  </Typography>
                </Box>
              ) : null}
            </>
          ) : null}
        </QueryState>
      </Box>
    </>
  );
}
