import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { useOrganizations } from '../hooks/use-organizations';

function Count({ label, value }: { label: string; value: number }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5" component="p" fontWeight={700}>
        {value}
      </Typography>
    </Box>
  );
}

/** R-D3: organizations as large cards. */
export function OrganizationCards() {
  const { t } = useTranslation();
  const orgs = useOrganizations();
  const items = orgs.data?.items ?? [];
  return (
    <section aria-labelledby="org-cards-title">
      <Typography id="org-cards-title" variant="h6" component="h2" sx={{ mb: 2 }}>
        {t('dashboard.organizations')}
      </Typography>
      <QueryState isLoading={orgs.isLoading} error={orgs.error} isEmpty={items.length === 0} emptyText={t('organizations.empty')}>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr', lg: '1fr 1fr 1fr' } }}>
          {items.map((org) => (
            <Card key={org.id} data-testid="organization-card">
              <CardContent sx={{ p: 3 }}>
                <Typography variant="h6" component="h3" fontWeight={700}>
                  {org.name}
                </Typography>
                {org.description ? (
                  <Typography color="text.secondary" variant="body2">
                    {org.description}
                  </Typography>
                ) : null}
                <Box sx={{ display: 'flex', gap: 4, mt: 2 }}>
                  <Count label={t('organizations.fields.memberCount')} value={org.memberCount} />
                  <Count label={t('organizations.fields.workspaceCount')} value={org.workspaceCount} />
                  <Count label={t('organizations.fields.apiKeyCount')} value={org.apiKeyCount} />
                </Box>
              </CardContent>
            </Card>
          ))}
        </Box>
      </QueryState>
    </section>
  );
}
