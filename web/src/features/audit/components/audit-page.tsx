import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { ServerTable, type ServerTableColumn, type ServerTableFilter } from '@/components/server-table';
import { formatDateTime } from '@/lib/format';
import type { RenderOrganizationPicker } from '@/lib/option';
import { auditQueryKey, getAuditEvents, type AuditEvent } from '../api/audit-api';

interface Props {
  /** The organization filter (SuperAdmin); an Admin's log is their organization's only. */
  renderOrganizationPicker?: RenderOrganizationPicker;
}

/** The key of an action's name in the catalog: "user.update_api_key" → audit.actions.user_update_api_key. */
export function actionKey(action: string): string {
  return `audit.actions.${action.replaceAll('.', '_')}`;
}

/** Details in words: an object named by id shows its name (id on hover); one outside the viewer's organization says so. */
function Details({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const entries = Object.entries(event.details ?? {});
  if (entries.length === 0) return null;
  const word = (k: string, v: unknown) => {
    if (event.hiddenDetails?.includes(k)) return t('audit.outsideOrganization');
    const name = event.detailNames?.[k];
    if (name !== undefined && typeof v === 'string') return <Named name={name} id={v} />;
    return v === null ? t('common.none') : typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : typeof v === 'string' ? v : JSON.stringify(v);
  };
  return (
    <Box component="ul" sx={{ m: 0, pl: 0, listStyle: 'none', fontSize: '0.8rem', wordBreak: 'break-word' }}>
      {entries.map(([k, v]) => (
        <li key={k}>
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {t(`audit.details.${k}`, { defaultValue: k })}
          </Box>
          : {word(k, v)}
        </li>
      ))}
    </Box>
  );
}

/** A name with its id on hover (the id is what support needs; the name is what people read). */
function Named({ name, id }: { name: string; id: string | null }) {
  return id ? (
    <Tooltip title={id} describeChild>
      <Box component="span" tabIndex={0} sx={{ textDecoration: 'underline dotted' }}>
        {name}
      </Box>
    </Tooltip>
  ) : (
    <>{name}</>
  );
}

/** R-X2: who did what, when, in words; SuperAdmin sees everything, an Admin their organization. */
export function AuditPage({ renderOrganizationPicker }: Props) {
  const { t, i18n } = useTranslation();

  const filters: ServerTableFilter<AuditEvent>[] = [
    { kind: 'text', name: 'action', label: t('audit.fields.action'), placeholder: 'user.update', width: 220 },
    ...(renderOrganizationPicker
      ? [
          {
            kind: 'custom' as const,
            name: 'organizationId',
            render: (value: string, onChange: (value: string) => void) =>
              renderOrganizationPicker({
                label: t('audit.fields.organization'),
                value,
                onChange: (o) => onChange(o?.id ?? ''),
                emptyLabel: t('common.all'),
                size: 'small',
                width: 220,
              }),
          },
        ]
      : []),
    {
      kind: 'select',
      name: 'actorId',
      label: t('audit.fields.actor'),
      width: 200,
      // The people on this page (and the one chosen): a list of everyone would mean fetching everyone.
      options: (rows, selected) => {
        const names = new Map<string, string>();
        if (selected) names.set(selected, selected);
        for (const e of rows) if (e.actorId) names.set(e.actorId, e.actorName ?? e.actorId);
        return [...names].map(([value, label]) => ({ value, label }));
      },
    },
  ];
  const columns: ServerTableColumn<AuditEvent>[] = [
    { key: 'time', header: t('audit.fields.time'), nowrap: true, cell: (e) => formatDateTime(e.createdAt, i18n.language) },
    {
      key: 'actor',
      header: t('audit.fields.actor'),
      cell: (e) => (e.actorName ? <Named name={e.actorName} id={e.actorId} /> : e.actorId ? <Named name={e.actorId} id={null} /> : t('audit.system')),
    },
    {
      key: 'action',
      header: t('audit.fields.action'),
      cell: (e) => (
        <Tooltip title={e.action} describeChild>
          <Box component="span" tabIndex={0}>
            {t(actionKey(e.action), { defaultValue: e.action })}
          </Box>
        </Tooltip>
      ),
    },
    {
      key: 'target',
      header: t('audit.fields.target'),
      cell: (e) => (
        <>
          <Box component="span" sx={{ color: 'text.secondary', mr: 0.5 }}>
            {t(`audit.targetTypes.${e.targetType}`, { defaultValue: e.targetType })}
          </Box>
          <Named name={e.targetName ?? e.targetId} id={e.targetName ? e.targetId : null} />
        </>
      ),
    },
    {
      key: 'organization',
      header: t('audit.fields.organization'),
      // A deleted organization is named by its id.
      cell: (e) => (!e.organizationId ? t('audit.portalWide') : (e.organizationName ?? <Named name={e.organizationId} id={null} />)),
    },
    { key: 'details', header: t('audit.fields.details'), cell: (e) => <Details event={e} /> },
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
