import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { renderTemplate, templateVariables } from './template';

interface Props {
  content: string;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}

/** One input per {{variable}} and the text as it would render; unfilled placeholders are marked. */
export function TemplatePreview({ content, values, onChange }: Props) {
  const { t } = useTranslation();
  const variables = templateVariables(content);
  return (
    <>
      {variables.length === 0 ? (
        <Typography color="text.secondary" variant="body2" gutterBottom>
          {t('prompts.noVariables')}
        </Typography>
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1, mb: 2 }}>
          {variables.map((name) => (
            <TextField key={name} size="small" label={name} value={values[name] ?? ''} onChange={(e) => onChange({ ...values, [name]: e.target.value })} />
          ))}
        </Box>
      )}
      <Box
        data-testid="template-preview"
        sx={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 14, bgcolor: 'action.hover', p: 1.5, borderRadius: 1, minHeight: 80 }}
      >
        {renderTemplate(content, values).map((part, i) =>
          part.variable ? (
            <Box
              key={i}
              component="mark"
              title={part.variable}
              sx={{ bgcolor: part.filled ? 'success.light' : 'warning.light', color: 'text.primary', borderRadius: 0.5, px: 0.25 }}
            >
              {part.text}
            </Box>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </Box>
    </>
  );
}
