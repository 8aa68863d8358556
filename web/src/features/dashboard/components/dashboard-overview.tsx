import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { todayUtc } from '@/lib/dates';
import { formatDateTime } from '@/lib/format';
import type { Dashboard } from '../api/dashboard-api';
import { useDashboard } from '../hooks/use-dashboard';
import { useOrganizationCosts, type OrganizationCostSummary } from '../hooks/use-organization-costs';
import { CostTrend } from './cost-trend';

function Count({ label, value, note }: { label: string; value: number; note?: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5" component="p" fontWeight={700}>
        {value}
      </Typography>
      {note ? (
        <Typography variant="caption" color="text.secondary">
          {note}
        </Typography>
      ) : null}
    </Box>
  );
}

function LastSync({ sync }: { sync: Dashboard['lastSync'] }) {
  const { t, i18n } = useTranslation();
  const color = sync?.status === 'succeeded' ? 'success' : sync?.status === 'failed' ? 'error' : 'default';
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 3, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }} data-testid="dashboard-last-sync">
      <Typography fontWeight={700}>{t('dashboard.lastSync')}</Typography>
      {sync ? (
        <>
          <Typography>{formatDateTime(sync.finishedAt ?? sync.startedAt, i18n.language)}</Typography>
          <Chip size="small" color={color} label={t(`sync.status.${sync.status}`)} />
          <Typography color="text.secondary">
            {t('sync.counts', { workspaces: sync.workspaces, apiKeys: sync.apiKeys })}
            {sync.vanished ? ` ${t('sync.vanished', { count: sync.vanished })}` : ''}
          </Typography>
          {sync.error ? <Typography color="error">{sync.error}</Typography> : null}
        </>
      ) : (
        <Typography color="text.secondary">{t('sync.never')}</Typography>
      )}
    </Paper>
  );
}

function DriftAlerts({ alerts }: { alerts: Dashboard['alerts'] }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return null;
  return (
    <Alert severity="warning" sx={{ mb: 3 }} data-testid="drift-alerts">
      <AlertTitle>{t('dashboard.alerts.title', { count: alerts.length })}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {alerts.map((a) => (
          <li key={`${a.user.id}-${a.apiKey?.id ?? ''}`}>
            {t('dashboard.alerts.item', {
              user: `${a.user.name} (${a.user.email})`,
              key: a.apiKey ? `${a.apiKey.id}: ${a.apiKey.hint}` : '',
              status: t(`apiKeys.status.${a.apiKey?.status ?? 'vanished'}`, { defaultValue: a.apiKey?.status ?? '' }),
            })}
          </li>
        ))}
      </Box>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {t('dashboard.alerts.next')}
      </Typography>
    </Alert>
  );
}

/** Limits changed in the Console since the portal set them, each leading to its organization's 上限. */
function LimitAlerts({ alerts, organizationHref }: { alerts: Dashboard['limitAlerts']; organizationHref?: (id: string) => string }) {
  const { t } = useTranslation();
  if (!alerts || alerts.length === 0) return null;
  return (
    <Alert severity="warning" sx={{ mb: 3 }} data-testid="limit-alerts">
      <AlertTitle>{t('dashboard.limitAlerts.title', { count: alerts.length })}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {alerts.map((a) => {
          const text = t('dashboard.limitAlerts.item', { organization: a.organizationName, count: a.changes });
          return (
            <li key={a.organizationId}>
              {organizationHref ? (
                <Link component={RouterLink} to={organizationHref(a.organizationId)}>
                  {text}
                </Link>
              ) : (
                text
              )}
            </li>
          );
        })}
      </Box>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {t('dashboard.limitAlerts.next')}
      </Typography>
    </Alert>
  );
}

interface Props {
  /** The last sync (admins). */
  showSync: boolean;
  /** This month's cost on every organization card, with its trend (admins). */
  showCost?: boolean;
  /** Where an organization card leads (the route decides, since features do not know each other's pages); absent, cards do not link. */
  organizationHref?: (id: string) => string;
  /** Today in UTC (tests fix it). */
  today?: string;
}

/** The cost part of a card: nothing until the usage report answers (nor when it fails: the card still shows its counts). */
function OrganizationCost({ summary }: { summary: OrganizationCostSummary | null }) {
  return summary ? <CostTrend summary={summary} /> : null;
}

/** R-D3, R-K1, R-X3: organization cards, the last sync and the drift alerts, from GET /dashboard. */
export function DashboardOverview({ showSync, showCost = false, organizationHref, today = todayUtc() }: Props) {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  const costs = useOrganizationCosts(showCost, today);
  const data = dashboard.data;
  const orgs = data?.organizations ?? [];
  return (
    <QueryState isLoading={dashboard.isLoading} error={dashboard.error}>
      {data ? (
        <>
          <DriftAlerts alerts={data.alerts} />
          <LimitAlerts alerts={data.limitAlerts} organizationHref={organizationHref} />
          {showSync ? <LastSync sync={data.lastSync} /> : null}
          <section aria-labelledby="org-cards-title">
            <Typography id="org-cards-title" variant="h6" component="h2" sx={{ mb: 2 }}>
              {t('dashboard.organizations')}
            </Typography>
            {orgs.length === 0 ? (
              <Typography color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
                {t('dashboard.noOrganizations')}
              </Typography>
            ) : (
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr', lg: '1fr 1fr 1fr' } }}>
                {orgs.map((org) => (
                  <Card key={org.id} data-testid="organization-card" component="article" aria-label={org.name}>
                    <CardActionArea
                      component={organizationHref ? RouterLink : 'div'}
                      // Named by what it shows (axe: the visible text belongs in the name); where it leads, in its title.
                      {...(organizationHref
                        ? { to: organizationHref(org.id), title: t('dashboard.openOrganization', { name: org.name }) }
                        : { disabled: true })}
                      sx={{ height: '100%' }}
                    >
                      <CardContent sx={{ p: 3 }}>
                        <Typography variant="h6" component="h3" fontWeight={700}>
                          {org.name}
                        </Typography>
                        <Box sx={{ display: 'flex', gap: 4, mt: 2 }}>
                          <Count label={t('organizations.fields.memberCount')} value={org.memberCount} />
                          <Count
                            label={t('organizations.fields.workspaceCount')}
                            value={org.workspaceCount}
                            note={org.archivedWorkspaceCount ? t('organizations.archivedWorkspaces', { count: org.archivedWorkspaceCount }) : undefined}
                          />
                          <Count label={t('organizations.fields.apiKeyCount')} value={org.apiKeyCount} />
                        </Box>
                        {showCost ? <OrganizationCost summary={costs.summary(org.id)} /> : null}
                      </CardContent>
                    </CardActionArea>
                  </Card>
                ))}
              </Box>
            )}
          </section>
        </>
      ) : null}
    </QueryState>
  );
}
