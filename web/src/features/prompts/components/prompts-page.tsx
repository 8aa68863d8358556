import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { AddIcon, DeleteIcon, EditIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useAuth } from '@/lib/auth-store';
import { formatLongDate } from '@/lib/format';
import type { OrganizationOption } from '@/lib/option';
import type { Prompt } from '../api/prompts-api';
import { useDeletePrompt, usePrompts } from '../hooks/use-prompts';
import { PromptEditorDialog } from './prompt-editor-dialog';
import { RenderDialog } from './render-dialog';
import { VersionHistoryDialog } from './version-history-dialog';

type Open = { kind: 'edit'; prompt: Prompt | null } | { kind: 'history' | 'render' | 'delete'; prompt: Prompt } | null;

const visibilityColor = { public: 'success', organization: 'primary', private: 'default' } as const;

/** プロンプト管理 (R-P): search and filter, editor with live preview, history with diff and restore. */
export function PromptsPage({ organizations = [] }: { organizations?: OrganizationOption[] }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [tag, setTag] = useState('');
  const deferredQ = useDeferredValue(q.trim());
  const prompts = usePrompts({ q: deferredQ || undefined, category: category || undefined, tag: tag || undefined });
  const all = usePrompts({});
  const remove = useDeletePrompt();
  const [open, setOpen] = useState<Open>(null);
  const items = prompts.data?.items ?? [];
  const categories = [...new Set((all.data?.items ?? []).map((p) => p.category).filter(Boolean))].sort();
  const tags = [...new Set((all.data?.items ?? []).flatMap((p) => p.tags))].sort();
  const organizationName = (id: string | null) => organizations.find((o) => o.id === id)?.name;
  if (!user) return null;

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
      <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <TextField size="small" type="search" label={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ minWidth: 260 }} />
        <TextField size="small" select label={t('prompts.fields.category')} value={category} onChange={(e) => setCategory(e.target.value)} sx={{ minWidth: 180 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {categories.map((c) => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" select label={t('prompts.fields.tag')} value={tag} onChange={(e) => setTag(e.target.value)} sx={{ minWidth: 180 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {tags.map((c) => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <QueryState isLoading={prompts.isLoading} error={prompts.error} isEmpty={items.length === 0} emptyText={t('prompts.empty')}>
        <TableContainer component={Paper} variant="outlined">
          <Table>
            <TableHead>
              <TableRow>
                <TableCell>{t('prompts.fields.title')}</TableCell>
                <TableCell>{t('prompts.fields.category')}</TableCell>
                <TableCell>{t('prompts.fields.tags')}</TableCell>
                <TableCell>{t('prompts.fields.visibility')}</TableCell>
                <TableCell align="right">{t('prompts.fields.version')}</TableCell>
                <TableCell align="right">{t('prompts.fields.useCount')}</TableCell>
                <TableCell>{t('prompts.fields.updatedAt')}</TableCell>
                <TableCell align="right">{t('common.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((p) => (
                <TableRow key={p.id} hover>
                  <TableCell>
                    <Typography fontWeight={600}>{p.title}</Typography>
                    {p.description ? (
                      <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 480 }} noWrap title={p.description}>
                        {p.description}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>{p.category}</TableCell>
                  <TableCell>
                    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                      {p.tags.map((tagName) => (
                        <Chip key={tagName} size="small" variant="outlined" label={tagName} onClick={() => setTag(tagName)} />
                      ))}
                    </Box>
                  </TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={visibilityColor[p.visibility]}
                      label={
                        p.visibility === 'organization' && organizationName(p.organizationId)
                          ? `${t('prompts.visibility.organization')}: ${organizationName(p.organizationId)}`
                          : t(`prompts.visibility.${p.visibility}`)
                      }
                    />
                  </TableCell>
                  <TableCell align="right">{`v${p.version}`}</TableCell>
                  <TableCell align="right">{p.useCount}</TableCell>
                  <TableCell>{formatLongDate(p.updatedAt, i18n.language)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
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
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>

      {open?.kind === 'edit' ? (
        <PromptEditorDialog
          prompt={open.prompt}
          role={user.role}
          organizationId={user.organization?.id ?? null}
          organizations={organizations}
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
