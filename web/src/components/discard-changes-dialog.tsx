import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Asked when a dialog with unsaved changes is about to close (Esc, a click outside, Cancel). */
export function DiscardChangesDialog({ onDiscard, onKeepEditing }: { onDiscard: () => void; onKeepEditing: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Dialog open onClose={onKeepEditing} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>{t('common.discard.title')}</DialogTitle>
      <DialogContent>
        <Typography>{t('common.discard.body')}</Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onKeepEditing} autoFocus>
          {t('common.discard.keepEditing')}
        </Button>
        <Button color="error" variant="contained" onClick={onDiscard}>
          {t('common.discard.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
