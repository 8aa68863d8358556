import CssBaseline from '@mui/material/CssBaseline';
import { styled, ThemeProvider } from '@mui/material/styles';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { enqueueSnackbar, MaterialDesignContent, SnackbarProvider } from 'notistack';
import { useState, type ReactNode } from 'react';
import i18n from '@/i18n';
import { isApiError } from '@/lib/api-client';
import { theme } from '@/theme';

// notistack's green fails WCAG AA with white text; the theme's dark green passes (axe in e2e).
const SuccessSnackbar = styled(MaterialDesignContent)(({ theme }) => ({
  '&.notistack-MuiContent-success': { backgroundColor: theme.palette.success.dark, color: theme.palette.success.contrastText },
}));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    // Every completed management action says so briefly: its mutation names the message (meta.success).
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => {
        const key = mutation.meta?.success;
        if (typeof key === 'string') enqueueSnackbar(i18n.t(key), { variant: 'success' });
      },
    }),
    defaultOptions: {
      queries: {
        // A 4xx will not change on retry (and 401 is already handled once by the api client).
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}

export function AppProviders({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <SnackbarProvider
          maxSnack={3}
          autoHideDuration={3000}
          anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
          Components={{ success: SuccessSnackbar }}
        >
          {children}
        </SnackbarProvider>
      </ThemeProvider>
    </QueryClientProvider>
  );
}
