import { useAllOrganizations } from '@/features/organizations/hooks/use-organizations';
import type { OrganizationOption } from '@/lib/option';

/** Organizations as the pickers of the other features need them (the app wires features together). */
export function useOrganizationOptions(): OrganizationOption[] {
  const orgs = useAllOrganizations();
  return (orgs.data ?? []).map((o) => ({ id: o.id, name: o.name }));
}
