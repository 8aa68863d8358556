import { useQuery } from '@tanstack/react-query';
import { firstOfMonth, samePeriodPreviousMonth } from '@/lib/dates';
import { getOrganizationCosts, organizationCostsQueryKey, type OrganizationCost } from '../api/dashboard-api';

export interface OrganizationCostSummary {
  /** This month so far, exact decimal cents. */
  costCents: string;
  /** Daily cost this month (one entry per day from the 1st to today), for the trend line. */
  daily: number[];
  /** The same days of the previous month, exact decimal cents ("0" when there was none); null until known. */
  previousCents: string | null;
}

function byOrganization(groups: OrganizationCost[] | undefined): Map<string, OrganizationCost> {
  return new Map((groups ?? []).filter((g) => g.key !== null).map((g) => [g.key as string, g]));
}

/**
 * This month's cost per organization (the usage report's default range: the 1st to today, UTC)
 * and the same days of the previous month, for the cards' trend. Off (no requests) when `enabled` is false.
 */
export function useOrganizationCosts(enabled: boolean, today: string) {
  const from = firstOfMonth(today);
  const previous = samePeriodPreviousMonth(today);
  const current = useQuery({
    queryKey: organizationCostsQueryKey(from, today),
    queryFn: () => getOrganizationCosts(from, today),
    enabled,
  });
  const before = useQuery({
    queryKey: organizationCostsQueryKey(previous.from, previous.to),
    queryFn: () => getOrganizationCosts(previous.from, previous.to),
    enabled,
  });
  const summary = (organizationId: string): OrganizationCostSummary | null => {
    if (!current.data) return null;
    const now = byOrganization(current.data).get(organizationId);
    const then = before.data ? byOrganization(before.data).get(organizationId) : undefined;
    const days = Number(today.slice(8));
    const daily = new Array<number>(days).fill(0);
    for (const d of now?.days ?? []) {
      const i = Number(d.day.slice(8)) - 1;
      if (i >= 0 && i < days) daily[i] += Number(d.costCents) / 100;
    }
    return { costCents: now?.totals.costCents ?? '0', daily, previousCents: before.data ? (then?.totals.costCents ?? '0') : null };
  };
  return { summary, isError: current.isError };
}
