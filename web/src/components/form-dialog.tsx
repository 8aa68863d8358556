import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import { useId, useState, type FormEventHandler, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DiscardChangesDialog } from './discard-changes-dialog';
import { ErrorAlert } from './error-alert';

interface Props {
  open: boolean;
  title: string;
  submitLabel: string;
  pending?: boolean;
  error?: unknown;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  children: ReactNode;
  /** The form holds unsaved changes: Esc, a click outside and Cancel ask before they are lost. */
  dirty?: boolean;
}

/** Every create and edit happens in a modal (R-D4). */
export function FormDialog({ open, title, submitLabel, pending, error, onSubmit, onClose, children, dirty }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const [asking, setAsking] = useState(false);
  const requestClose = () => (dirty ? setAsking(true) : onClose());
  return (
    <Dialog open={open} onClose={requestClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form noValidate onSubmit={onSubmit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {children}
          {pending ? <LinearProgress aria-label={t('common.working')} sx={{ mt: 2 }} /> : null}
          <ErrorAlert error={error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={requestClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={pending}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
      {asking ? <DiscardChangesDialog onDiscard={onClose} onKeepEditing={() => setAsking(false)} /> : null}
    </Dialog>
  );
}
