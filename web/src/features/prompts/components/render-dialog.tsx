import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DiscardChangesDialog } from '@/components/discard-changes-dialog';
import { ErrorAlert } from '@/components/error-alert';
import type { Prompt } from '../api/prompts-api';
import { useRenderPrompt } from '../hooks/use-prompts';

/** Fills the variables on the server (POST /render, counts a use) and shows the result. */
export function RenderDialog({ prompt, onClose }: { prompt: Prompt; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const render = useRenderPrompt();
  const [values, setValues] = useState<Record<string, string>>({});
  // Values typed but not rendered yet would be lost: Esc, a click outside and 閉じる ask first.
  // Once rendered (the result on screen is of exactly these values), closing loses nothing.
  const dirty = Object.values(values).some(Boolean) && !(render.isSuccess && render.variables?.variables === values);
  const [asking, setAsking] = useState(false);
  const requestClose = () => (dirty ? setAsking(true) : onClose());
  return (
    <Dialog open onClose={requestClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>{t('prompts.render.title', { title: prompt.title })}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1, my: 1 }}>
          {prompt.variables.map((name) => (
            <TextField key={name} size="small" label={name} value={values[name] ?? ''} onChange={(e) => setValues({ ...values, [name]: e.target.value })} />
          ))}
        </Box>
        {render.data ? (
          <>
            {render.data.missing.length > 0 ? (
              <Alert severity="warning" sx={{ my: 1 }}>
                {t('prompts.render.missing', { names: render.data.missing.join(', ') })}
              </Alert>
            ) : null}
            <Box
              role="region"
              aria-label={t('prompts.render.result')}
              sx={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 14, bgcolor: 'action.hover', p: 1.5, borderRadius: 1 }}
            >
              {render.data.content}
            </Box>
          </>
        ) : null}
        <ErrorAlert error={render.error} />
      </DialogContent>
      <DialogActions>
        {render.data ? <Button onClick={() => void navigator.clipboard?.writeText(render.data.content)}>{t('prompts.render.copy')}</Button> : null}
        <Button onClick={requestClose}>{t('prompts.close')}</Button>
        <Button variant="contained" disabled={render.isPending} onClick={() => render.mutate({ id: prompt.id, variables: values })}>
          {t('prompts.render.run')}
        </Button>
      </DialogActions>
      {asking ? <DiscardChangesDialog onDiscard={onClose} onKeepEditing={() => setAsking(false)} /> : null}
    </Dialog>
  );
}
