import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { restoreSession } from '@/features/account/api/account-api';
import { useSetupStatus } from '@/features/setup/hooks/use-setup';
import { authStore, useAuth, type Role } from '@/lib/auth-store';
import { AppLayout } from './app-layout';

// One chunk per tab (and per pre-login page): the first load carries only the shell.
const LoginRoute = lazy(() => import('./routes/login-route'));
const SetupRoute = lazy(() => import('./routes/setup-route'));
const DashboardRoute = lazy(() => import('./routes/dashboard-route'));
const OrganizationsRoute = lazy(() => import('./routes/organizations-route'));
const OrganizationRoute = lazy(() => import('./routes/organization-route'));
const WorkspacesRoute = lazy(() => import('./routes/workspaces-route'));
const ApiKeysRoute = lazy(() => import('./routes/api-keys-route'));
const UsersRoute = lazy(() => import('./routes/users-route'));
const ProfileRoute = lazy(() => import('./routes/profile-route'));
const UsageRoute = lazy(() => import('./routes/usage-route'));
const PromptsRoute = lazy(() => import('./routes/prompts-route'));
const AuditRoute = lazy(() => import('./routes/audit-route'));
const ImportRoute = lazy(() => import('./routes/import-route'));
const FirstPasswordRoute = lazy(() => import('./routes/first-password-route'));

const ADMINS: Role[] = ['SuperAdmin', 'Admin'];

function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <CircularProgress aria-label={t('common.loading')} />
    </Box>
  );
}

/**
 * App start (R-A5, R-A3): GET /setup; a fresh installation goes to the wizard; otherwise ONE
 * refresh with the cookie restores the session, or we are anonymous. Runs once per page load.
 */
function useSessionBootstrap(setupNeeded: boolean | undefined, setupSettled: boolean) {
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !setupSettled) return;
    started.current = true;
    if (setupNeeded) {
      authStore.setAnonymous();
      return;
    }
    void restoreSession().then((user) => (user ? authStore.setAuthenticated(user) : authStore.setAnonymous()));
  }, [setupNeeded, setupSettled]);
}

function RequireRole({ roles, role, children }: { roles: Role[]; role: Role; children: ReactNode }) {
  return roles.includes(role) ? <>{children}</> : <Navigate to="/" replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return <Typography sx={{ py: 6, textAlign: 'center' }}>{t('common.pageNotFound')}</Typography>;
}

export function AppRoutes() {
  const auth = useAuth();
  const location = useLocation();
  const setup = useSetupStatus();
  const setupNeeded = setup.data?.needed === true;
  useSessionBootstrap(setup.data?.needed, !setup.isPending);

  if (auth.status === 'unknown' && !setupNeeded) return <FullPageSpinner />;

  const from = (location.state as { from?: string } | null)?.from;
  const user = auth.user;

  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Routes>
        <Route
          path="/setup"
          element={
            setupNeeded ? (
              <SetupRoute initialStep={0} />
            ) : user?.role === 'SuperAdmin' ? (
              <SetupRoute initialStep={1} />
            ) : (
              <Navigate to={user ? '/' : '/login'} replace />
            )
          }
        />
        <Route path="/login" element={setupNeeded ? <Navigate to="/setup" replace /> : user ? <Navigate to={from ?? '/'} replace /> : <LoginRoute />} />
        <Route path="/change-password" element={user?.mustChangePassword ? <FirstPasswordRoute /> : <Navigate to={user ? '/' : '/login'} replace />} />
        <Route
          element={
            setupNeeded ? (
              <Navigate to="/setup" replace />
            ) : !user ? (
              <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
            ) : user.mustChangePassword ? (
              <Navigate to="/change-password" replace />
            ) : (
              <AppLayout user={user} />
            )
          }
        >
          <Route index element={<DashboardRoute />} />
          {user ? (
            <>
              <Route
                path="organizations"
                element={
                  <RequireRole roles={ADMINS} role={user.role}>
                    <OrganizationsRoute />
                  </RequireRole>
                }
              />
              <Route
                path="organizations/:id"
                element={
                  <RequireRole roles={ADMINS} role={user.role}>
                    <OrganizationRoute />
                  </RequireRole>
                }
              />
              <Route
                path="workspaces"
                element={
                  <RequireRole roles={ADMINS} role={user.role}>
                    <WorkspacesRoute />
                  </RequireRole>
                }
              />
              <Route
                path="api-keys"
                element={
                  <RequireRole roles={ADMINS} role={user.role}>
                    <ApiKeysRoute />
                  </RequireRole>
                }
              />
              <Route
                path="users"
                element={
                  <RequireRole roles={ADMINS} role={user.role}>
                    <UsersRoute />
                  </RequireRole>
                }
              />
              <Route path="usage" element={<UsageRoute />} />
              <Route path="prompts" element={<PromptsRoute />} />
              <Route
                path="audit"
                element={
                  <RequireRole roles={ADMINS} role={user.role}>
                    <AuditRoute />
                  </RequireRole>
                }
              />
              <Route path="profile" element={<ProfileRoute />} />
              <Route
                path="import"
                element={
                  <RequireRole roles={['SuperAdmin']} role={user.role}>
                    <ImportRoute />
                  </RequireRole>
                }
              />
            </>
          ) : null}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
