import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch';

/** The frame of the pages shown before login: login and onboarding. */
export function CenteredCard({ children, maxWidth = 440 }: { children: ReactNode; maxWidth?: number }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', p: 2 }}>
      <Box sx={{ width: '100%', maxWidth }}>
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
          <LanguageSwitch />
        </Box>
        <Card>
          <CardContent sx={{ p: { xs: 2.5, sm: 4 } }}>{children}</CardContent>
        </Card>
      </Box>
    </Box>
  );
}
