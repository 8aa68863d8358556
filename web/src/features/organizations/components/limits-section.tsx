import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { EditIcon } from '@/components/icons';
import { QueryState } from '@/components/query-state';
import { useAuth } from '@/lib/auth-store';
import { formatCount } from '@/lib/format';
import { formatUsdCents } from '@/lib/money';
import { ceilingOf, SPEND_SCOPE, type LimitGroup, type OrganizationLimits, type WorkspaceLimits } from '../api/limits-api';
import { useOrganizationLimits } from '../hooks/use-organization-limits';
import { groupName, limiterName } from './limit-names';
import { RateLimitsDialog, type RateLimitField } from './rate-limits-dialog';
import { RemoveSpendLimitDialog, SpendLimitDialog } from './spend-limit-dialog';

/** Where Anthropic's own spend limits are set when the Admin API cannot. */
export const CONSOLE_LIMITS_URL = 'https://console.anthropic.com/settings/limits';
const SPEND_NOT_ENABLED = 'anthropic_spend_limits_admin_api_writes_not_enabled';

type Editing =
  | { kind: 'rate'; workspace: WorkspaceLimits; group: LimitGroup; fields: RateLimitField[] }
  | { kind: 'spend'; workspace: WorkspaceLimits; amountCents: string | null }
  | { kind: 'removeSpend'; workspace: WorkspaceLimits; amountCents: string };

/** Limits changed outside the portal since it set them: what the portal set against what Anthropic has now. */
function DriftAlert({ data }: { data: OrganizationLimits }) {
  const { t, i18n } = useTranslation();
  if (data.drift.length === 0) return null;
  const items = data.drift.map((d) => {
    const workspace = data.workspaces.find((w) => w.id === d.workspaceId);
    const name = workspace?.name ?? d.workspaceId;
    if (d.scope === SPEND_SCOPE) {
      const money = (v: number | null) => (v === null ? t('organizations.limits.spend.none') : formatUsdCents(String(v)));
      return t('organizations.limits.drift.spendItem', { workspace: name, expected: money(d.expected), actual: money(d.actual) });
    }
    const group = workspace?.groups.find((g) => g.rateLimitId === d.scope) ?? data.organizationLimits.find((g) => g.rateLimitId === d.scope);
    const value = (v: number | null) => (v === null ? t('organizations.limits.inherited') : formatCount(v, i18n.language));
    return t('organizations.limits.drift.item', {
      workspace: name,
      group: group ? groupName(t, group) : d.scope,
      type: limiterName(t, d.type),
      expected: value(d.expected),
      actual: value(d.actual),
    });
  });
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="limits-drift">
      <AlertTitle>{t('organizations.limits.drift.title')}</AlertTitle>
      {t('organizations.limits.drift.intro')}
      <Box component="ul" sx={{ m: 0, mt: 1, pl: 2.5 }}>
        {items.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </Box>
    </Alert>
  );
}

/** Without Anthropic's spend-limit preview the portal cannot manage spend limits: say so, and where they are set. */
function SpendUnavailableAlert({ reason }: { reason: string | null }) {
  const { t } = useTranslation();
  return (
    <Alert severity="info" sx={{ mb: 2 }} data-testid="spend-unavailable">
      <AlertTitle>{t('organizations.limits.spend.unavailableTitle')}</AlertTitle>
      <Typography variant="body2" gutterBottom>
        {reason === null || reason === SPEND_NOT_ENABLED
          ? t('organizations.limits.spend.unavailablePreview')
          : t('organizations.limits.spend.unavailableOther')}
      </Typography>
      <Link href={CONSOLE_LIMITS_URL} target="_blank" rel="noopener noreferrer">
        {t('organizations.limits.spend.consoleLink')}
      </Link>
    </Alert>
  );
}

function SourceChip({ overridden }: { overridden: boolean }) {
  const { t } = useTranslation();
  return overridden ? (
    <Chip size="small" color="primary" label={t('organizations.limits.overridden')} />
  ) : (
    <Chip size="small" variant="outlined" label={t('organizations.limits.inherited')} />
  );
}

/** The limiter types a model group's form always offers. */
const MODEL_LIMITER_TYPES = ['requests_per_minute', 'input_tokens_per_minute', 'output_tokens_per_minute', 'tokens_per_day'];

interface CardProps {
  data: OrganizationLimits;
  workspace: WorkspaceLimits;
  canEdit: boolean;
  onEdit: (editing: Editing) => void;
}

function WorkspaceLimitsCard({ data, workspace, canEdit, onEdit }: CardProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const tableLabel = t('organizations.limits.rateTable', { workspace: workspace.name });
  const spend = workspace.spendLimit;
  const editGroup = (group: LimitGroup) => {
    const fields: RateLimitField[] = group.limits.map((l) => ({
      type: l.type,
      override: l.overridden ? l.value : null,
      ceiling: ceilingOf(data, group.rateLimitId, l),
    }));
    // A model group can be capped on the usual limiter types even where the organization sets none
    // of that type (tokens per day, say): such a field has no ceiling.
    if (group.groupType === 'model_group') {
      for (const type of MODEL_LIMITER_TYPES) {
        if (!fields.some((f) => f.type === type)) fields.push({ type, override: null, ceiling: null });
      }
    }
    onEdit({ kind: 'rate', workspace, group, fields });
  };
  return (
    <Paper
      component="section"
      aria-labelledby={titleId}
      variant="outlined"
      sx={{ p: { xs: 2, sm: 2.5 }, mb: 2 }}
      data-testid={`workspace-limits-${workspace.id}`}
    >
      <Typography id={titleId} variant="subtitle1" component="h3" fontWeight={700}>
        {workspace.name}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        {workspace.id}
      </Typography>

      <Typography variant="subtitle2" component="h4" sx={{ mt: 2, mb: 1 }}>
        {t('organizations.limits.rateLimits')}
      </Typography>
      <TableContainer component={Paper} variant="outlined" tabIndex={0} role="region" aria-label={tableLabel}>
        <Table size="small" aria-label={tableLabel}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('organizations.limits.columns.group')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('organizations.limits.columns.type')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }} align="right">
                {t('organizations.limits.columns.value')}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('organizations.limits.columns.source')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }} align="right">
                {t('organizations.limits.columns.ceiling')}
              </TableCell>
              {canEdit ? (
                <TableCell sx={{ whiteSpace: 'nowrap' }} align="right">
                  {t('common.actions')}
                </TableCell>
              ) : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {workspace.groups
              .filter((g) => g.limits.length > 0)
              .flatMap((group) => {
                const name = groupName(t, group);
                const span = group.limits.length;
                return group.limits.map((limit, i) => {
                  const ceiling = ceilingOf(data, group.rateLimitId, limit);
                  return (
                    <TableRow key={`${group.rateLimitId}-${limit.type}`} data-testid={`limit-${group.rateLimitId}-${limit.type}`}>
                      {i === 0 ? (
                        <TableCell rowSpan={span} sx={{ verticalAlign: 'top', fontWeight: 500 }}>
                          {name}
                        </TableCell>
                      ) : null}
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{limiterName(t, limit.type)}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="limit-value">
                        {formatCount(limit.value, i18n.language)}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <SourceChip overridden={limit.overridden} />
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="limit-ceiling">
                        {ceiling === null ? t('organizations.limits.noCeiling') : formatCount(ceiling, i18n.language)}
                      </TableCell>
                      {canEdit && i === 0 ? (
                        <TableCell rowSpan={span} align="right" sx={{ verticalAlign: 'top' }}>
                          <Tooltip title={t('common.edit')}>
                            <IconButton
                              size="small"
                              aria-label={t('organizations.limits.editGroup', { workspace: workspace.name, group: name })}
                              onClick={() => editGroup(group)}
                            >
                              <EditIcon fontSize="small" />
                            </IconButton>
                          </Tooltip>
                        </TableCell>
                      ) : null}
                    </TableRow>
                  );
                });
              })}
          </TableBody>
        </Table>
      </TableContainer>

      {spend ? (
        <>
          <Typography variant="subtitle2" component="h4" sx={{ mt: 2, mb: 0.5 }}>
            {t('organizations.limits.spend.title')}
          </Typography>
          <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap>
            <Typography data-testid={`spend-${workspace.id}`} sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {spend.amountCents === null ? t('organizations.limits.spend.none') : formatUsdCents(spend.amountCents)}
            </Typography>
            {canEdit ? (
              <>
                <Button
                  size="small"
                  variant="outlined"
                  aria-label={t('organizations.limits.spend.setLabel', { workspace: workspace.name })}
                  onClick={() => onEdit({ kind: 'spend', workspace, amountCents: spend.amountCents })}
                >
                  {spend.amountCents === null ? t('organizations.limits.spend.set') : t('organizations.limits.spend.change')}
                </Button>
                {spend.amountCents !== null ? (
                  <Button
                    size="small"
                    color="error"
                    aria-label={t('organizations.limits.spend.removeLabel', { workspace: workspace.name })}
                    onClick={() => onEdit({ kind: 'removeSpend', workspace, amountCents: spend.amountCents as string })}
                  >
                    {t('organizations.limits.spend.remove')}
                  </Button>
                ) : null}
              </>
            ) : null}
          </Stack>
        </>
      ) : null}
    </Paper>
  );
}

interface Props {
  organizationId: string;
  /** Where workspaces are linked (the app's workspaces tab), offered when there are none. */
  workspacesHref: string;
}

/**
 * 「上限」: the rate limits and monthly spend limit of every Anthropic workspace linked to the
 * organization, live from Anthropic. A SuperAdmin changes them; an Admin reads them.
 */
export function LimitsSection({ organizationId, workspacesHref }: Props) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const canEdit = user?.role === 'SuperAdmin';
  const limits = useOrganizationLimits(organizationId);
  const [editing, setEditing] = useState<Editing | null>(null);
  const data = limits.data;
  const close = () => setEditing(null);
  let dialog: ReactNode = null;
  if (editing?.kind === 'rate') {
    dialog = <RateLimitsDialog organizationId={organizationId} workspace={editing.workspace} group={editing.group} fields={editing.fields} onClose={close} />;
  } else if (editing?.kind === 'spend') {
    dialog = <SpendLimitDialog organizationId={organizationId} workspace={editing.workspace} amountCents={editing.amountCents} onClose={close} />;
  } else if (editing?.kind === 'removeSpend') {
    dialog = <RemoveSpendLimitDialog organizationId={organizationId} workspace={editing.workspace} amountCents={editing.amountCents} onClose={close} />;
  }
  return (
    <Box component="section" aria-labelledby="organization-limits-title" sx={{ mt: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography id="organization-limits-title" variant="h6" component="h2">
          {t('organizations.limits.title')}
        </Typography>
        <Button size="small" onClick={() => void limits.refetch()} disabled={limits.isFetching}>
          {t('organizations.limits.reload')}
        </Button>
      </Box>
      {data ? <DriftAlert data={data} /> : null}
      <Typography variant="body2" color="text.secondary">
        {t('organizations.limits.intro')}
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {t('organizations.limits.live')}
        {canEdit ? null : ` ${t('organizations.limits.readOnly')}`}
      </Typography>
      <Box sx={{ mt: 2 }}>
        <QueryState isLoading={limits.isLoading} error={limits.error}>
          {data ? (
            <>
              {data.spendLimitsAvailable ? null : <SpendUnavailableAlert reason={data.spendLimitsUnavailableReason} />}
              {data.workspaces.length === 0 ? (
                <Alert severity="info" data-testid="limits-no-workspaces">
                  {t('organizations.limits.noWorkspaces')}{' '}
                  <Link component={RouterLink} to={workspacesHref}>
                    {t('organizations.limits.openWorkspaces')}
                  </Link>
                </Alert>
              ) : (
                data.workspaces.map((w) => <WorkspaceLimitsCard key={w.id} data={data} workspace={w} canEdit={canEdit} onEdit={setEditing} />)
              )}
            </>
          ) : null}
        </QueryState>
      </Box>
      {dialog}
    </Box>
  );
}
