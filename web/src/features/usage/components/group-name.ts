import type { TFunction } from 'i18next';
import type { GroupBy, UsageGroup } from '../api/usage-api';

/**
 * A group as people call it: its label, else what a missing key means for the grouping (no
 * organization, nobody held the key, no key, the Default Workspace), else its key.
 */
export function groupName(t: TFunction, groupBy: GroupBy, group: Pick<UsageGroup, 'key' | 'label'>): string {
  if (group.label) return group.label;
  if (group.key === null) return t(`usage.unassigned.${groupBy}`);
  if (groupBy === 'workspace' && group.key === '') return t('usage.defaultWorkspace');
  return group.key || t(`usage.unassigned.${groupBy}`);
}
