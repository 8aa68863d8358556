import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { formatDateTime } from '@/lib/format';
import type { OrganizationOption } from '@/lib/option';
import { useAuditEvents } from '../hooks/use-audit';

interface Props {
  /** Organizations to filter by (SuperAdmin); an Admin's log is their organization's only. */
  organizations?: OrganizationOption[];
  /** People to name the actors and filter by (the app passes them in). */
  actors?: OrganizationOption[];
}

function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return null;
  return (
    <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.75rem', wordBreak: 'break-word' }}>
      {entries.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')}
    </Box>
  );
}

/** R-X2: who did what, when; SuperAdmin sees everything, an Admin their organization. */
export function AuditPage({ organizations = [], actors = [] }: Props) {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [actorId, setActorId] = useState('');
  const events = useAuditEvents({ action: action.trim() || undefined, organizationId: organizationId || undefined, actorId: actorId || undefined });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const total = events.data?.pages[0]?.total;
  const orgName = (id: string | null) => (id ? (organizations.find((o) => o.id === id)?.name ?? id) : t('audit.portalWide'));
  const actorName = (id: string | null) => (id ? (actors.find((a) => a.id === id)?.name ?? id) : t('audit.system'));
  const filtered = Boolean(action || organizationId || actorId);

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Stack direction="row" spacing={2} sx={{ mb: 2 }} flexWrap="wrap" useFlexGap>
        <TextField margin="none" size="small" label={t('audit.fields.action')} placeholder="user.update" value={action} onChange={(e) => setAction(e.target.value)} sx={{ width: 220 }} />
        {organizations.length ? (
          <TextField margin="none" size="small" select label={t('audit.fields.organization')} value={organizationId} onChange={(e) => setOrganizationId(e.target.value)} sx={{ width: 200 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {organizations.map((o) => (
              <MenuItem key={o.id} value={o.id}>
                {o.name}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
        {actors.length ? (
          <TextField margin="none" size="small" select label={t('audit.fields.actor')} value={actorId} onChange={(e) => setActorId(e.target.value)} sx={{ width: 200 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {actors.map((a) => (
              <MenuItem key={a.id} value={a.id}>
                {a.name}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
        {total !== undefined ? (
          <Typography color="text.secondary" sx={{ alignSelf: 'center' }}>
            {t('audit.total', { count: total })}
          </Typography>
        ) : null}
      </Stack>
      <QueryState isLoading={events.isLoading} error={events.error} isEmpty={items.length === 0} emptyText={filtered ? t('common.noMatches') : t('audit.empty')}>
        <TableContainer component={Paper} variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('audit.fields.time')}</TableCell>
                <TableCell>{t('audit.fields.actor')}</TableCell>
                <TableCell>{t('audit.fields.action')}</TableCell>
                <TableCell>{t('audit.fields.target')}</TableCell>
                <TableCell>{t('audit.fields.organization')}</TableCell>
                <TableCell>{t('audit.fields.details')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((e) => (
                <TableRow key={e.id} hover>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.createdAt, i18n.language)}</TableCell>
                  <TableCell>{actorName(e.actorId)}</TableCell>
                  <TableCell>
                    <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>
                      {e.action}
                    </Box>
                    <Typography variant="body2" color="text.secondary">
                      {t(`audit.actions.${e.action.replace('.', '_')}`, { defaultValue: '' })}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ fontSize: '0.8rem' }}>
                    {e.targetType}
                    <Box component="span" sx={{ display: 'block', fontFamily: 'monospace', fontSize: '0.75rem', color: 'text.secondary' }}>
                      {e.targetId}
                    </Box>
                  </TableCell>
                  <TableCell>{orgName(e.organizationId)}</TableCell>
                  <TableCell>
                    <Details details={e.details} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {events.hasNextPage ? (
          <Box sx={{ textAlign: 'center', mt: 2 }}>
            <Button variant="outlined" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
              {t('audit.more')}
            </Button>
          </Box>
        ) : null}
      </QueryState>
    </>
  );
}
