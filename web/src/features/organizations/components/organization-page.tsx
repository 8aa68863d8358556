import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { ErrorAlert } from '@/components/error-alert';
import { PageHeader } from '@/components/page-header';
import { isApiError } from '@/lib/api-client';
import { useOrganization } from '../hooks/use-organization-limits';
import { LimitsSection } from './limits-section';

interface Props {
  organizationId: string;
  /** The organizations list (the breadcrumb and the way back). */
  listHref: string;
  /** The workspaces tab, where workspaces are linked to organizations. */
  workspacesHref: string;
}

/** One organization: its name and description, then its limits (「上限」). */
export function OrganizationPage({ organizationId, listHref, workspacesHref }: Props) {
  const { t } = useTranslation();
  const organization = useOrganization(organizationId);
  const org = organization.data;
  const breadcrumbs = (
    <Breadcrumbs aria-label={t('layout.breadcrumb')} sx={{ mb: 1 }}>
      <Link component={RouterLink} to={listHref} underline="hover" color="inherit">
        {t('nav.organizations')}
      </Link>
      {org ? (
        <Typography color="text.primary" aria-current="page">
          {org.name}
        </Typography>
      ) : null}
    </Breadcrumbs>
  );

  if (organization.isLoading) {
    return (
      <>
        {breadcrumbs}
        <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
          <CircularProgress aria-label={t('common.loading')} />
        </Box>
      </>
    );
  }
  if (!org) {
    // Another tenant's organization answers 404, like one that does not exist.
    const notFound = isApiError(organization.error) && organization.error.status === 404;
    return (
      <>
        {breadcrumbs}
        {notFound ? (
          <Alert severity="warning" sx={{ my: 2 }} data-testid="organization-not-found">
            {t('organizations.page.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={organization.error} />
        )}
        <Link component={RouterLink} to={listHref}>
          {t('organizations.page.backToList')}
        </Link>
      </>
    );
  }
  return (
    <>
      {breadcrumbs}
      <PageHeader title={org.name} />
      {org.description ? (
        <Typography color="text.secondary" sx={{ mt: -1, mb: 2, whiteSpace: 'pre-line' }}>
          {org.description}
        </Typography>
      ) : null}
      <LimitsSection organizationId={org.id} workspacesHref={workspacesHref} />
    </>
  );
}
