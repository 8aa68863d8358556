import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { tickLabel, UsageChart } from './usage-chart';

describe('UsageChart (the real chart library)', () => {
  it('draws a titled chart with a legend entry per series', async () => {
    renderWithProviders(
      <div style={{ width: 600 }}>
        <UsageChart
          days={['2025-03-01', '2025-03-02']}
          series={[
            { id: 'a', label: 'Acme 株式会社', data: [1000, 234.56] },
            { id: 'b', label: 'その他', data: [0, 1] },
          ]}
          metric="cost"
          title="日別の費用（米ドル）"
        />
      </div>,
    );
    expect(await screen.findByText('Acme 株式会社')).toBeInTheDocument();
    expect(screen.getByText('その他')).toBeInTheDocument();
    expect(document.querySelector('svg title')?.textContent).toBe('日別の費用（米ドル）');
  });
});

describe('tickLabel', () => {
  it('writes the month where a month or the range starts, else the day', () => {
    expect(tickLabel('2025-03-01', '2025-02-23')).toBe('3/1');
    expect(tickLabel('2025-02-23', '2025-02-23')).toBe('2/23');
    expect(tickLabel('2025-02-24', '2025-02-23')).toBe('24');
  });
});
