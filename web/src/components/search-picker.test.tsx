import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { SearchPicker, type PickerItem } from './search-picker';

/** 1 234 organizations, 20 a page, searched by name or id, like the server's /organizations. */
function fakeServer() {
  const all: PickerItem[] = Array.from({ length: 1234 }, (_, i) => ({ id: `org_${String(i).padStart(4, '0')}`, name: `組織 ${String(i).padStart(4, '0')}` }));
  const pages: { q: string; cursor: string | undefined }[] = [];
  const fetchPage = vi.fn(async (q: string, cursor: string | undefined) => {
    pages.push({ q, cursor });
    const matching = all.filter((o) => o.name.includes(q) || o.id.includes(q));
    const from = Number(cursor ?? 0);
    const items = matching.slice(from, from + 20);
    return { items, nextCursor: from + 20 < matching.length ? String(from + 20) : null, total: matching.length, totalExact: true };
  });
  const fetchOne = vi.fn(async (id: string) => all.find((o) => o.id === id) ?? Promise.reject(new Error('not found')));
  return { pages, fetchPage, fetchOne };
}

function Harness({
  initial = null,
  valueName,
  emptyLabel,
  api,
}: {
  initial?: string | null;
  valueName?: string;
  emptyLabel?: string;
  api: ReturnType<typeof fakeServer>;
}) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <>
      <SearchPicker
        label="組織"
        value={value}
        valueName={value === initial ? valueName : undefined}
        emptyLabel={emptyLabel}
        onChange={(item) => setValue(item?.id ?? null)}
        queryKey={['search-picker-test']}
        fetchPage={api.fetchPage}
        fetchOne={api.fetchOne}
      />
      <output data-testid="picked">{value ?? '(none)'}</output>
    </>
  );
}

const optionTexts = async () => (await screen.findAllByRole('option')).map((o) => o.textContent);

describe('SearchPicker', () => {
  it('fetches nothing until opened, then a page at a time; typing searches on the server', async () => {
    const api = fakeServer();
    renderWithProviders(<Harness api={api} />);
    const field = screen.getByRole('combobox', { name: '組織' });
    expect(api.fetchPage).not.toHaveBeenCalled();

    const user = userEvent.setup();
    await user.click(field);
    await screen.findByRole('option', { name: '組織 0019' });
    expect(screen.queryByRole('option', { name: '組織 0020' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'さらに読み込む' }));
    await screen.findByRole('option', { name: '組織 0039' });
    expect(api.pages).toEqual([
      { q: '', cursor: undefined },
      { q: '', cursor: '20' },
    ]);

    await user.type(field, '1177');
    await user.click(await screen.findByRole('option', { name: '組織 1177' }));
    expect(screen.getByTestId('picked')).toHaveTextContent('org_1177');
    expect(field).toHaveValue('組織 1177');
    // Only what typing settled on went to the server.
    expect(api.pages.map((p) => p.q).filter(Boolean)).toEqual(['1177']);
    expect(api.fetchOne).not.toHaveBeenCalled();
  });

  it('names a value chosen elsewhere (a bookmarked filter) by looking it up once; a known name needs no lookup', async () => {
    const api = fakeServer();
    const { unmount } = renderWithProviders(<Harness api={api} initial="org_0900" />);
    await waitFor(() => expect(screen.getByRole('combobox', { name: '組織' })).toHaveValue('組織 0900'));
    expect(api.fetchOne).toHaveBeenCalledTimes(1);
    expect(api.fetchPage).not.toHaveBeenCalled();
    unmount();

    const again = fakeServer();
    renderWithProviders(<Harness api={again} initial="org_0901" valueName="組織 0901" />);
    expect(screen.getByRole('combobox', { name: '組織' })).toHaveValue('組織 0901');
    expect(again.fetchOne).not.toHaveBeenCalled();
  });

  it('offers the empty choice first when it has one (「すべて」), and choosing it clears the value', async () => {
    const api = fakeServer();
    renderWithProviders(<Harness api={api} initial="org_0003" valueName="組織 0003" emptyLabel="すべて" />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: '組織' }));
    await screen.findByRole('option', { name: '組織 0003' });
    expect((await optionTexts()).slice(0, 2)).toEqual(['すべて', '組織 0000']);
    await user.click(screen.getByRole('option', { name: 'すべて' }));
    expect(screen.getByTestId('picked')).toHaveTextContent('(none)');
    expect(screen.getByRole('combobox', { name: '組織' })).toHaveValue('すべて');
  });
});
