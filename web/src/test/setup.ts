import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import i18n from '@/i18n';
import { authStore } from '@/lib/auth-store';
import { resetApiClient } from '@/lib/api-client';
import { server } from './server';

// findBy*/waitFor resolve as soon as their condition holds; the long ceiling only matters on a
// loaded machine, where the first render of a lazy route can take seconds.
configure({ asyncUtilTimeout: 15_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  cleanup();
  server.resetHandlers();
  resetApiClient();
  authStore.reset();
  localStorage.clear();
  await i18n.changeLanguage('ja');
  window.history.replaceState(null, '', '/');
});
afterAll(() => server.close());
