import type { TFunction } from 'i18next';
import type { LimitGroup } from '../api/limits-api';

/** A model group by Anthropic's name (「Claude Sonnet」); the other groups translated, else as Anthropic names them. */
export function groupName(t: TFunction, group: Pick<LimitGroup, 'groupType' | 'displayName'>): string {
  if (group.groupType === 'model_group' && group.displayName) return group.displayName;
  return t(`organizations.limits.groups.${group.groupType}`, { defaultValue: group.displayName || group.groupType });
}

/** 「リクエスト/分」; a limiter type the app does not know keeps Anthropic's name. */
export function limiterName(t: TFunction, type: string): string {
  return t(`organizations.limits.types.${type}`, { defaultValue: type });
}
