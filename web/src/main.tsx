import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import './i18n';
import { AppRoutes } from './app/app-routes';
import { AppProviders } from './app/providers';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <AppProviders>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);

// The Japanese web font (for machines without one) loads after the first render, off the critical path.
void import('./theme/noto-sans-jp.css');
