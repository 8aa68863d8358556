import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { AddIcon, DeleteIcon, EditIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import { ServerTable, type ServerTableColumn, type ServerTableFilter } from '@/components/server-table';
import { useAuth } from '@/lib/auth-store';
import { formatLongDate } from '@/lib/format';
import type { RenderOrganizationPicker } from '@/lib/option';
import { getPrompts, promptsQueryKey, type Prompt } from '../api/prompts-api';
import { useDeletePrompt } from '../hooks/use-prompts';
import { PromptEditorDialog } from './prompt-editor-dialog';
import { RenderDialog } from './render-dialog';
import { VersionHistoryDialog } from './version-history-dialog';

type Open = { kind: 'edit'; prompt: Prompt | null } | { kind: 'history' | 'render' | 'delete'; prompt: Prompt } | null;

const visibilityColor = { public: 'success', organization: 'primary', private: 'default' } as const;

/** プロンプト管理 (R-P): search and filter on the server, editor with live preview, history with diff and restore. */
/** `renderOrganizationPicker`: a SuperAdmin chooses the owning organization in the editor. */
export function PromptsPage({ renderOrganizationPicker }: { renderOrganizationPicker?: RenderOrganizationPicker }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const remove = useDeletePrompt();
  const [open, setOpen] = useState<Open>(null);
  if (!user) return null;

  // Category and tag are typed (or a tag chip is clicked): options would need every prompt.
  const filters: ServerTableFilter<Prompt>[] = [
    { kind: 'text', name: 'category', label: t('prompts.fields.category'), width: 180 },
    { kind: 'text', name: 'tag', label: t('prompts.fields.tag'), width: 180 },
  ];
  const columns: ServerTableColumn<Prompt>[] = [
    {
      key: 'title',
      header: t('prompts.fields.title'),
      cell: (p) => (
        <>
          <Typography fontWeight={600}>{p.title}</Typography>
          {p.ownerName && p.ownerId !== user.id ? (
            <Typography variant="caption" color="text.secondary">
              {t('prompts.owner', { name: p.ownerName })}
            </Typography>
          ) : null}
          {p.description ? (
            <Typography
              variant="body2"
              color="text.secondary"
              // Two lines at most, as wide as the column: a long description never widens the table.
              sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
              title={p.description}
            >
              {p.description}
            </Typography>
          ) : null}
        </>
      ),
    },
    { key: 'category', header: t('prompts.fields.category'), cell: (p) => p.category },
    {
      key: 'tags',
      header: t('prompts.fields.tags'),
      cell: (p, table) => (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {p.tags.map((tagName) => (
            <Chip
              key={tagName}
              size="small"
              variant="outlined"
              sx={{ maxWidth: '12em' }}
              label={tagName}
              title={tagName}
              onClick={() => table.setFilter('tag', tagName)}
            />
          ))}
        </Box>
      ),
    },
    {
      key: 'visibility',
      header: t('prompts.fields.visibility'),
      nowrap: true,
      cell: (p) => {
        // Private is the owner's: "自分のみ" only when that is the caller, else whose it is.
        const label =
          p.visibility === 'organization' && p.organizationName
            ? `${t('prompts.visibility.organization')}: ${p.organizationName}`
            : p.visibility === 'private' && p.ownerId !== user.id
              ? t('prompts.visibility.privateOf', { name: p.ownerName ?? t('prompts.unknownOwner') })
              : t(`prompts.visibility.${p.visibility}`);
        // A long organization name is cut (whole in the tooltip) rather than widen the table.
        return <Chip size="small" sx={{ maxWidth: '14em' }} color={visibilityColor[p.visibility]} label={label} title={label} />;
      },
    },
    { key: 'version', header: t('prompts.fields.version'), align: 'right', cell: (p) => `v${p.version}` },
    { key: 'useCount', header: t('prompts.fields.useCount'), align: 'right', cell: (p) => p.useCount },
    { key: 'updatedAt', header: t('prompts.fields.updatedAt'), nowrap: true, cell: (p) => formatLongDate(p.updatedAt, i18n.language) },
    {
      key: 'actions',
      header: t('common.actions'),
      align: 'right',
      nowrap: true,
      pinEnd: true,
      cell: (p) => (
        <>
          <Button size="small" onClick={() => setOpen({ kind: 'render', prompt: p })} aria-label={t('prompts.actions.render', { title: p.title })}>
            {t('prompts.render.open')}
          </Button>
          <Button size="small" onClick={() => setOpen({ kind: 'history', prompt: p })} aria-label={t('prompts.actions.history', { title: p.title })}>
            {t('prompts.history.open')}
          </Button>
          {p.canEdit ? (
            <>
              <Tooltip title={t('common.edit')}>
                <IconButton aria-label={t('prompts.actions.edit', { title: p.title })} onClick={() => setOpen({ kind: 'edit', prompt: p })}>
                  <EditIcon />
                </IconButton>
              </Tooltip>
              <Tooltip title={t('common.delete')}>
                <IconButton aria-label={t('prompts.actions.delete', { title: p.title })} onClick={() => setOpen({ kind: 'delete', prompt: p })}>
                  <DeleteIcon />
                </IconButton>
              </Tooltip>
            </>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.prompts')}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setOpen({ kind: 'edit', prompt: null })}>
            {t('prompts.create')}
          </Button>
        }
      />
      <ServerTable
        queryKey={[...promptsQueryKey, 'list']}
        fetchPage={({ limit, cursor, filters: f }) => getPrompts({ limit, cursor, q: f.q, category: f.category, tag: f.tag })}
        search={{ label: t('common.search') }}
        filters={filters}
        columns={columns}
        rowKey={(p) => p.id}
        emptyText={t('prompts.empty')}
      />

      {open?.kind === 'edit' ? (
        <PromptEditorDialog
          prompt={open.prompt}
          role={user.role}
          organizationId={user.organization?.id ?? null}
          renderOrganizationPicker={renderOrganizationPicker}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open?.kind === 'history' ? <VersionHistoryDialog prompt={open.prompt} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'render' ? <RenderDialog prompt={open.prompt} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          open
          danger
          title={t('prompts.delete.title', { title: open.prompt.title })}
          confirmLabel={t('common.delete')}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setOpen(null)}
          onConfirm={() => remove.mutate(open.prompt.id, { onSuccess: () => setOpen(null) })}
        >
          <Typography>{t('prompts.delete.consequences', { versions: open.prompt.version })}</Typography>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
