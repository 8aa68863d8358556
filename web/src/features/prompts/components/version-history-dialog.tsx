import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { QueryState } from '@/components/query-state';
import { formatDateTime } from '@/lib/format';
import type { Prompt } from '../api/prompts-api';
import { usePromptVersions, useRestorePromptVersion } from '../hooks/use-prompts';
import { diffLines } from './template';

const diffColors = { same: 'transparent', added: 'success.light', removed: 'error.light' } as const;
const diffMarks = { same: ' ', added: '+', removed: '-' } as const;

/** Every version with its note, a line diff between any two, and restore (as a new version). */
export function VersionHistoryDialog({ prompt, onClose }: { prompt: Prompt; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const versions = usePromptVersions(prompt.id);
  const restore = useRestorePromptVersion();
  const items = versions.data?.items ?? [];
  const latest = items.at(-1)?.number ?? prompt.version;
  const [to, setTo] = useState<number | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  // Restoring adds a version: asked first, with what it will do.
  const [restoring, setRestoring] = useState<number | null>(null);
  const toNumber = to ?? latest;
  const fromNumber = from ?? Math.max(1, toNumber - 1);
  const before = items.find((v) => v.number === fromNumber)?.content ?? '';
  const after = items.find((v) => v.number === toNumber)?.content ?? '';

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="lg" fullWidth>
      <DialogTitle id={titleId}>{t('prompts.history.title', { title: prompt.title })}</DialogTitle>
      <DialogContent>
        <QueryState isLoading={versions.isLoading} error={versions.error}>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '280px 1fr' }, gap: 2 }}>
            <List dense aria-label={t('prompts.history.versions')} sx={{ maxHeight: 480, overflow: 'auto' }}>
              {[...items].reverse().map((v) => (
                <ListItem
                  key={v.number}
                  disablePadding
                  secondaryAction={
                    prompt.canEdit && v.number !== latest ? (
                      <Button
                        size="small"
                        disabled={restore.isPending}
                        onClick={() => setRestoring(v.number)}
                        aria-label={t('prompts.history.restoreVersion', { number: v.number })}
                      >
                        {t('prompts.history.restore')}
                      </Button>
                    ) : null
                  }
                >
                  <ListItemButton selected={v.number === toNumber} onClick={() => (setTo(v.number), setFrom(Math.max(1, v.number - 1)))}>
                    <ListItemText
                      primary={`v${v.number}${v.number === latest ? ` (${t('prompts.history.current')})` : ''}`}
                      secondary={[
                        formatDateTime(v.createdAt, i18n.language),
                        v.restoredFrom ? t('prompts.history.restoredFrom', { number: v.restoredFrom }) : '',
                        v.note,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
            <Box>
              <Box sx={{ display: 'flex', gap: 2, mb: 1 }}>
                <TextField select size="small" label={t('prompts.history.from')} value={fromNumber} onChange={(e) => setFrom(Number(e.target.value))}>
                  {items.map((v) => (
                    <MenuItem key={v.number} value={v.number}>{`v${v.number}`}</MenuItem>
                  ))}
                </TextField>
                <TextField select size="small" label={t('prompts.history.to')} value={toNumber} onChange={(e) => setTo(Number(e.target.value))}>
                  {items.map((v) => (
                    <MenuItem key={v.number} value={v.number}>{`v${v.number}`}</MenuItem>
                  ))}
                </TextField>
              </Box>
              <Box
                role="region"
                aria-label={t('prompts.history.diff')}
                sx={{ fontFamily: 'monospace', fontSize: 13, whiteSpace: 'pre-wrap', border: 1, borderColor: 'divider', borderRadius: 1 }}
              >
                {fromNumber === toNumber ? (
                  <Typography sx={{ p: 1 }} color="text.secondary">
                    {t('prompts.history.sameVersion')}
                  </Typography>
                ) : (
                  diffLines(before, after).map((line, i) => (
                    <Box key={i} data-diff={line.kind} sx={{ bgcolor: diffColors[line.kind], px: 1 }}>
                      {diffMarks[line.kind]} {line.text}
                    </Box>
                  ))
                )}
              </Box>
            </Box>
          </Box>
        </QueryState>
        {restoring === null ? <ErrorAlert error={restore.error} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('prompts.close')}</Button>
      </DialogActions>
      {restoring !== null ? (
        <ConfirmDialog
          open
          title={t('prompts.history.restoreConfirm.title', { number: restoring })}
          confirmLabel={t('prompts.history.restoreConfirm.confirm')}
          pending={restore.isPending}
          error={restore.error}
          onClose={() => setRestoring(null)}
          onConfirm={() => restore.mutate({ id: prompt.id, number: restoring }, { onSuccess: () => setRestoring(null) })}
        >
          <Typography>{t('prompts.history.restoreConfirm.body', { number: restoring, next: latest + 1 })}</Typography>
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
