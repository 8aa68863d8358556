import { createTheme } from '@mui/material/styles';

// Japanese first: system Japanese fonts before the Latin fallbacks, so kana and kanji never fall
// back to a Chinese face.
const fontFamily = [
  '"Hiragino Kaku Gothic ProN"',
  '"Hiragino Sans"',
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  'Meiryo',
  '"Yu Gothic UI"',
  '"Segoe UI"',
  'Roboto',
  'system-ui',
  'sans-serif',
].join(',');

export const theme = createTheme({
  palette: {
    primary: { main: '#1a56db' },
    secondary: { main: '#6d28d9' },
    background: { default: '#f5f7fb' },
    // Darker than MUI's default orange so that white text on it passes WCAG AA (axe in e2e).
    warning: { main: '#b45309' },
  },
  typography: {
    fontFamily,
    button: { textTransform: 'none', fontWeight: 600 },
  },
  shape: { borderRadius: 8 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    MuiTextField: { defaultProps: { fullWidth: true, margin: 'normal' } },
  },
});
