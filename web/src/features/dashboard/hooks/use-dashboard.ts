import { useQuery } from '@tanstack/react-query';
import { dashboardQueryKey, getDashboard } from '../api/dashboard-api';

export function useDashboard() {
  return useQuery({ queryKey: dashboardQueryKey, queryFn: getDashboard });
}
