import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { ServerTable, type ServerTableColumn, type ServerTableFilter } from '@/components/server-table';
import { formatDateTime } from '@/lib/format';
import type { OrganizationOption } from '@/lib/option';
import { auditQueryKey, getAuditEvents, type AuditEvent } from '../api/audit-api';

interface Props {
  /** Organizations to filter by (SuperAdmin); an Admin's log is their organization's only. */
  organizations?: OrganizationOption[];
  /** Names the person behind an actor id (the app puts the user feature's label here). */
  renderActor?: (id: string) => ReactNode;
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
export function AuditPage({ organizations = [], renderActor = (id) => id }: Props) {
  const { t, i18n } = useTranslation();
  const orgName = (id: string | null) => (id ? (organizations.find((o) => o.id === id)?.name ?? id) : t('audit.portalWide'));
  const actorName = (id: string | null) => (id ? renderActor(id) : t('audit.system'));

  const filters: ServerTableFilter<AuditEvent>[] = [
    { kind: 'text', name: 'action', label: t('audit.fields.action'), placeholder: 'user.update', width: 220 },
    ...(organizations.length
      ? [{ kind: 'select' as const, name: 'organizationId', label: t('audit.fields.organization'), width: 200, options: organizations.map((o) => ({ value: o.id, label: o.name })) }]
      : []),
    {
      kind: 'select',
      name: 'actorId',
      label: t('audit.fields.actor'),
      width: 200,
      // The people on this page (and the one chosen): a list of everyone would mean fetching everyone.
      options: (rows, selected) =>
        [...new Set([...(selected ? [selected] : []), ...rows.flatMap((e) => (e.actorId ? [e.actorId] : []))])].map((id) => ({ value: id, label: renderActor(id) })),
    },
  ];
  const columns: ServerTableColumn<AuditEvent>[] = [
    { key: 'time', header: t('audit.fields.time'), nowrap: true, cell: (e) => formatDateTime(e.createdAt, i18n.language) },
    { key: 'actor', header: t('audit.fields.actor'), cell: (e) => actorName(e.actorId) },
    {
      key: 'action',
      header: t('audit.fields.action'),
      cell: (e) => (
        <>
          <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>
            {e.action}
          </Box>
          <Typography variant="body2" color="text.secondary">
            {t(`audit.actions.${e.action.replace('.', '_')}`, { defaultValue: '' })}
          </Typography>
        </>
      ),
    },
    {
      key: 'target',
      header: t('audit.fields.target'),
      cellProps: { sx: { fontSize: '0.8rem' } },
      cell: (e) => (
        <>
          {e.targetType}
          <Box component="span" sx={{ display: 'block', fontFamily: 'monospace', fontSize: '0.75rem', color: 'text.secondary' }}>
            {e.targetId}
          </Box>
        </>
      ),
    },
    { key: 'organization', header: t('audit.fields.organization'), cell: (e) => orgName(e.organizationId) },
    { key: 'details', header: t('audit.fields.details'), cell: (e) => <Details details={e.details} /> },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <ServerTable
        queryKey={auditQueryKey}
        fetchPage={({ limit, cursor, filters: f }) => getAuditEvents({ limit, cursor, action: f.action, organizationId: f.organizationId, actorId: f.actorId })}
        filters={filters}
        columns={columns}
        rowKey={(e) => e.id}
        emptyText={t('audit.empty')}
        size="small"
      />
    </>
  );
}
