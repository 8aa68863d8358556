import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '@/i18n';

/** 日本語 / English, for the pages shown before login (after it, the user menu has it). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={i18n.language === 'en' ? 'en' : 'ja'}
      onChange={(_, lang: Language | null) => lang && setLanguage(lang)}
      aria-label={t('common.language')}
      color="primary"
      sx={{ bgcolor: 'background.paper', '& .MuiToggleButton-root:not(.Mui-selected)': { color: 'text.primary' } }}
    >
      <ToggleButton value="ja" lang="ja">
        日本語
      </ToggleButton>
      <ToggleButton value="en" lang="en">
        English
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
