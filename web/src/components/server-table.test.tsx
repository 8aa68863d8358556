import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation, useNavigationType } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import type { ListResponse } from '@/lib/types';
import { renderWithProviders } from '@/test/render';
import { ServerTable, type PageRequest, type ServerTableColumn, type ServerTableFilter } from './server-table';

interface Thing {
  id: string;
  name: string;
}

const columns: ServerTableColumn<Thing>[] = [
  { key: 'name', header: '名前', cell: (r) => r.name },
  { key: 'id', header: 'ID', cell: (r) => r.id, cellProps: { 'data-testid': 'thing-id' } },
];

/** A fake server: `count` rows, cursors `<prefix>c<offset>`; every request is recorded. */
function fakeServer(count: number, cursorPrefix = '') {
  const rows = Array.from({ length: count }, (_, i) => ({ id: `t${i}`, name: `thing ${i}` }));
  const requests: PageRequest[] = [];
  const fetchPage = async (request: PageRequest): Promise<ListResponse<Thing>> => {
    requests.push(request);
    const from = request.cursor ? Number(request.cursor.slice(cursorPrefix.length + 1)) : 0;
    const next = from + request.limit < count ? `${cursorPrefix}c${from + request.limit}` : null;
    return { items: rows.slice(from, from + request.limit), nextCursor: next, total: count, totalExact: true };
  };
  return { fetchPage, requests, last: () => requests[requests.length - 1] };
}

const location = { search: '', type: '' };
function LocationProbe() {
  location.search = decodeURIComponent(useLocation().search.replace(/^\?/, ''));
  location.type = useNavigationType();
  return null;
}

beforeEach(() => {
  location.search = '';
  location.type = '';
});

describe('ServerTable', () => {
  it('shows the server total, pages forward and back with the cursors, and keeps the page in the URL', async () => {
    const fake = fakeServer(1234);
    renderWithProviders(
      <>
        <ServerTable queryKey={['things']} fetchPage={fake.fetchPage} columns={columns} rowKey={(r) => r.id} emptyText="なし" />
        <LocationProbe />
      </>,
    );
    expect(await screen.findByText('thing 0')).toBeInTheDocument();
    expect(screen.getByTestId('table-total')).toHaveTextContent('全 1,234 件');
    expect(screen.getByTestId('table-page')).toHaveTextContent('1 / 50 ページ');
    expect(screen.getAllByTestId('thing-id')).toHaveLength(25);
    const u = userEvent.setup();
    for (const cursor of ['c25', 'c50', 'c75']) {
      await u.click(screen.getByRole('button', { name: '次へ' }));
      await waitFor(() => expect(fake.last().cursor).toBe(cursor));
    }
    expect(await screen.findByText('thing 75')).toBeInTheDocument();
    expect(location.search).toBe('cursor=c75&back=c25,c50');
    expect(location.type).toBe('PUSH');
    expect(screen.getByTestId('table-page')).toHaveTextContent('4 / 50 ページ');
    await u.click(screen.getByRole('button', { name: '前へ' }));
    expect(await screen.findByText('thing 50')).toBeInTheDocument();
    expect(location.search).toBe('cursor=c50&back=c25');
    await u.click(screen.getByRole('button', { name: '前へ' }));
    await u.click(screen.getByRole('button', { name: '前へ' }));
    expect(await screen.findByText('thing 0')).toBeInTheDocument();
    expect(location.search).toBe('');
    expect(screen.getByRole('button', { name: '前へ' })).toBeDisabled();
  });

  it('says "or more" when the server counted only up to its limit, and numbers the pages without an end', async () => {
    const fake = fakeServer(30000);
    const fetchPage = async (request: PageRequest) => ({ ...(await fake.fetchPage(request)), total: 10000, totalExact: false });
    renderWithProviders(<ServerTable queryKey={['many']} fetchPage={fetchPage} columns={columns} rowKey={(r) => r.id} emptyText="なし" />);
    expect(await screen.findByText('thing 0')).toBeInTheDocument();
    expect(screen.getByTestId('table-total')).toHaveTextContent('10,000 件以上');
    expect(screen.getByTestId('table-page')).toHaveTextContent('1 ページ目');
    await userEvent.setup().click(screen.getByRole('button', { name: '次へ' }));
    expect(await screen.findByText('thing 25')).toBeInTheDocument();
    expect(screen.getByTestId('table-page')).toHaveTextContent('2 ページ目');
  });

  it('keeps the rows on screen until the next page arrives, and waits for it before paging again', async () => {
    const fake = fakeServer(100);
    let release = () => {};
    const fetchPage = async (request: PageRequest) => {
      if (request.cursor) await new Promise<void>((resolve) => (release = resolve));
      return fake.fetchPage(request);
    };
    renderWithProviders(<ServerTable queryKey={['things']} fetchPage={fetchPage} columns={columns} rowKey={(r) => r.id} emptyText="なし" />);
    expect(await screen.findByText('thing 0')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: '次へ' }));
    expect(await screen.findByRole('progressbar', { name: '読み込み中' })).toBeInTheDocument();
    expect(screen.getByText('thing 0')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '次へ' })).toBeDisabled();
    release();
    expect(await screen.findByText('thing 25')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '次へ' })).toBeEnabled();
  });

  it('changes the page size in the URL and starts again at the first page', async () => {
    const fake = fakeServer(120);
    renderWithProviders(
      <>
        <ServerTable queryKey={['things']} fetchPage={fake.fetchPage} columns={columns} rowKey={(r) => r.id} emptyText="なし" />
        <LocationProbe />
      </>,
      { route: '/?cursor=c25' },
    );
    expect(await screen.findByText('thing 25')).toBeInTheDocument();
    const u = userEvent.setup();
    await u.click(screen.getByRole('combobox', { name: '表示件数' }));
    await u.click(screen.getByRole('option', { name: '100' }));
    await waitFor(() => expect(fake.last()).toEqual({ limit: 100, cursor: undefined, filters: {} }));
    expect(location.search).toBe('size=100');
    expect(await screen.findAllByTestId('thing-id')).toHaveLength(100);
    expect(screen.getByTestId('table-page')).toHaveTextContent('1 / 2 ページ');
  });

  it('sends the search and every filter to the server; a change resets the paging; typing replaces the history entry', async () => {
    const fake = fakeServer(60);
    const filters: ServerTableFilter<Thing>[] = [
      { kind: 'select', name: 'color', label: '色', options: [{ value: 'red', label: '赤' }] },
      { kind: 'text', name: 'tag', label: 'タグ' },
      { kind: 'switch', name: 'archived', label: 'アーカイブも表示' },
    ];
    renderWithProviders(
      <>
        <ServerTable
          queryKey={['things']}
          fetchPage={fake.fetchPage}
          columns={columns}
          rowKey={(r) => r.id}
          emptyText="なし"
          search={{ label: '検索' }}
          filters={filters}
        />
        <LocationProbe />
      </>,
      { route: '/?cursor=c25&back=' },
    );
    expect(await screen.findByText('thing 25')).toBeInTheDocument();
    const u = userEvent.setup();
    await u.click(screen.getByRole('combobox', { name: '色' }));
    await u.click(screen.getByRole('option', { name: '赤' }));
    await waitFor(() => expect(fake.last()).toEqual({ limit: 25, cursor: undefined, filters: { color: 'red' } }));
    expect(location.search).toBe('color=red');

    await u.click(screen.getByRole('button', { name: '次へ' }));
    await waitFor(() => expect(fake.last().cursor).toBe('c25'));
    await u.type(screen.getByLabelText('検索'), 'abc');
    await waitFor(() => expect(fake.last()).toEqual({ limit: 25, cursor: undefined, filters: { color: 'red', q: 'abc' } }));
    expect(location.search).toBe('color=red&q=abc');
    expect(location.type).toBe('REPLACE');
    // Only the settled text was sent, not every keystroke.
    expect(fake.requests.some((r) => r.filters.q === 'a' || r.filters.q === 'ab')).toBe(false);

    await u.type(screen.getByLabelText('タグ'), 'x');
    await waitFor(() => expect(fake.last().filters).toEqual({ color: 'red', q: 'abc', tag: 'x' }));
    await u.click(screen.getByRole('switch', { name: 'アーカイブも表示' }));
    await waitFor(() => expect(fake.last().filters).toEqual({ color: 'red', q: 'abc', tag: 'x', archived: 'true' }));
    expect(location.search).toBe('color=red&q=abc&tag=x&archived=true');
  });

  it('keeps two tables on one page apart with a URL prefix', async () => {
    const a = fakeServer(30, 'a');
    const b = fakeServer(30, 'b');
    renderWithProviders(
      <>
        <section aria-label="A">
          <ServerTable queryKey={['a']} prefix="a." fetchPage={a.fetchPage} columns={columns} rowKey={(r) => r.id} emptyText="なし" />
        </section>
        <section aria-label="B">
          <ServerTable queryKey={['b']} prefix="b." fetchPage={b.fetchPage} columns={columns} rowKey={(r) => r.id} emptyText="なし" />
        </section>
        <LocationProbe />
      </>,
    );
    const tableB = screen.getByRole('region', { name: 'B' });
    expect(await within(tableB).findByText('thing 0')).toBeInTheDocument();
    await userEvent.setup().click(within(tableB).getByRole('button', { name: '次へ' }));
    expect(await within(tableB).findByText('thing 25')).toBeInTheDocument();
    expect(location.search).toBe('b.cursor=bc25');
    expect(within(screen.getByRole('region', { name: 'A' })).getByText('thing 0')).toBeInTheDocument();
    expect(a.requests.every((r) => r.cursor === undefined)).toBe(true);
  });

  it('a cursor the server refuses shows the error and the way back to the first page', async () => {
    const fake = fakeServer(30);
    const fetchPage = (request: PageRequest) =>
      request.cursor === 'stale' ? Promise.reject(new ApiError({ status: 400, code: 'invalid_request', message: 'invalid cursor' })) : fake.fetchPage(request);
    renderWithProviders(
      <>
        <ServerTable queryKey={['things']} fetchPage={fetchPage} columns={columns} rowKey={(r) => r.id} emptyText="なし" />
        <LocationProbe />
      </>,
      { route: '/?cursor=stale' },
    );
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: '最初のページへ' }));
    expect(await screen.findByText('thing 0')).toBeInTheDocument();
    expect(location.search).toBe('');
  });

  it('says the list is empty, or that nothing matches the filters', async () => {
    const fake = fakeServer(0);
    renderWithProviders(
      <ServerTable
        queryKey={['things']}
        fetchPage={fake.fetchPage}
        columns={columns}
        rowKey={(r) => r.id}
        emptyText="まだありません。"
        search={{ label: '検索' }}
      />,
      { route: '/?q=zzz' },
    );
    expect(await screen.findByText('条件に一致するものがありません。検索語や絞り込みを変えてください。')).toBeInTheDocument();
    expect(screen.queryByTestId('table-total')).not.toBeInTheDocument();
  });
});
