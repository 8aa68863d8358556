// One table for every list of the portal: the server pages (keyset cursors), searches and filters;
// the URL holds the page, the page size, the search and the filters, so a reload, a bookmark or
// the browser's back button shows the same rows.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell, { type TableCellProps } from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow, { type TableRowProps } from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Theme } from '@mui/material/styles';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatCount } from '@/lib/format';
import type { ListResponse } from '@/lib/types';
import { QueryState } from './query-state';

export const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = PAGE_SIZES[0];
/** Typing settles this long before the search goes to the server. */
export const SEARCH_DEBOUNCE_MS = 300;
/** The narrowest a column of wrapping text gets: squeezed further, Japanese stands one character a line (headers never wrap). */
const WRAPPING_MIN_WIDTH = '8em';
/**
 * From a laptop up the table fits the page, so long words (ids, e-mail addresses) break where they
 * must; on a narrower screen the table scrolls inside its frame and they stay whole.
 */
const BREAK_LONG_WORDS = { xs: 'normal', lg: 'anywhere' } as const;

type TestIdProps = { 'data-testid'?: string };

export interface ServerTableColumn<T> {
  key: string;
  header: ReactNode;
  cell: (row: T, table: ServerTableControls) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Keeps the cells on one line (dates, hints, chips, actions); the others wrap, never below 8em. */
  nowrap?: boolean;
  /** Stays in view at the right edge while the table scrolls sideways (a phone): the row actions. */
  pinEnd?: boolean;
  /** Passed to every body cell of the column (sx, data-testid). */
  cellProps?: TableCellProps & TestIdProps;
}

export interface FilterOption {
  value: string;
  label: ReactNode;
}

export type ServerTableFilter<T> =
  /** `options` may be computed from the rows on screen (never from a fetch of everything). */
  | { kind: 'select'; name: string; label: string; options: FilterOption[] | ((rows: T[], selected: string) => FilterOption[]); width?: number }
  /** Free text, sent as typed (after a short pause). */
  | { kind: 'text'; name: string; label: string; placeholder?: string; width?: number }
  /** On sends `name=true`; off sends nothing. */
  | { kind: 'switch'; name: string; label: string }
  /** Any control (a server-searched picker): given the value and how to change it ('' = unset). */
  | { kind: 'custom'; name: string; render: (value: string, onChange: (value: string) => void) => ReactNode };

/** What one page asks the server for: `filters` holds `q` and every declared filter that is set. */
export interface PageRequest {
  limit: number;
  cursor?: string;
  filters: Record<string, string>;
}

/** Given to cell renderers, e.g. so that a tag chip can filter by its tag. */
export interface ServerTableControls {
  filters: Record<string, string>;
  setFilter: (name: string, value: string) => void;
}

interface Props<T> {
  /** The feature's query key; the page request is appended to it. */
  queryKey: QueryKey;
  /** The feature's fetcher (only features/*\/api talk to the API client). */
  fetchPage: (request: PageRequest) => Promise<ListResponse<T>>;
  columns: ServerTableColumn<T>[];
  rowKey: (row: T) => string;
  /** Extra props of a body row (data-testid). */
  rowProps?: (row: T) => TableRowProps & TestIdProps;
  /** A search box sent as `q`; the placeholder says what it searches. */
  search?: { label: string; width?: number; placeholder?: string };
  filters?: ServerTableFilter<T>[];
  /** Shown when the list is empty and nothing filters it (otherwise common.noMatches). */
  emptyText: string;
  /** More controls at the end of the filter bar. */
  toolbar?: ReactNode;
  /** Prepended to every URL parameter name, for two tables on one page. */
  prefix?: string;
  size?: 'small' | 'medium';
}

function pageSize(value: string | null): number {
  const n = Number(value);
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : DEFAULT_PAGE_SIZE;
}

/** A text field that keeps its own text while typing and reports it once typing pauses. */
function DebouncedTextField({
  value,
  onCommit,
  ...props
}: {
  value: string;
  onCommit: (value: string) => void;
  label: string;
  type?: string;
  placeholder?: string;
  width: number;
}) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  // The URL changed elsewhere (back button, a chip that sets this filter): show it.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    const next = text.trim();
    if (next === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = next;
      commit.current(next);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <TextField
      margin="none"
      size="small"
      label={props.label}
      type={props.type}
      placeholder={props.placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      sx={{ width: props.width }}
    />
  );
}

/**
 * Whether the element scrolls sideways (a wide table on a phone), kept up to date as it and its
 * content resize. Pass the setter as the element's ref.
 */
function useScrollsSideways() {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const check = () => setScrolls(element.scrollWidth > element.clientWidth);
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    check();
    return () => observer.disconnect();
  }, [element]);
  return [setElement, scrolls] as const;
}

/**
 * A list paged by the server. State in the URL (names after `prefix`): `q`, each filter, `size`,
 * `cursor` (the page shown; none = the first) and `back` (the cursors of the pages before it,
 * comma-separated, so that 「前へ」 works with forward-only cursors). Changing the search, a
 * filter or the page size goes back to the first page.
 */
export function ServerTable<T>({
  queryKey,
  fetchPage,
  columns,
  rowKey,
  rowProps,
  search,
  filters = [],
  emptyText,
  toolbar,
  prefix = '',
  size = 'medium',
}: Props<T>) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const param = (name: string) => prefix + name;

  const names = [...(search ? ['q'] : []), ...filters.map((f) => f.name)];
  const values: Record<string, string> = {};
  for (const name of names) {
    const v = params.get(param(name));
    if (v) values[name] = v;
  }
  const limit = pageSize(params.get(param('size')));
  const cursor = params.get(param('cursor')) || undefined;
  const back = cursor ? (params.get(param('back')) ?? '').split(',').filter(Boolean) : [];
  const page = cursor ? back.length + 2 : 1;

  const request: PageRequest = { limit, cursor, filters: values };
  const query = useQuery({
    queryKey: [...queryKey, 'page', request],
    queryFn: () => fetchPage(request),
    // The rows on screen stay (dimmed) until the next page arrives: no flicker, no jump.
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const totalExact = query.data?.totalExact ?? true;
  const pages = Math.max(1, Math.ceil(total / limit));
  const switching = query.isPlaceholderData;

  const update = (change: (next: URLSearchParams) => void, replace: boolean) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      },
      { replace },
    );
  const firstPage = (next: URLSearchParams) => {
    next.delete(param('cursor'));
    next.delete(param('back'));
  };
  const setFilter = (name: string, value: string, replace = false) =>
    update((next) => {
      if (value) next.set(param(name), value);
      else next.delete(param(name));
      firstPage(next);
    }, replace);
  const goTo = (target: string | undefined, trail: string[]) =>
    update((next) => {
      if (target) next.set(param('cursor'), target);
      else next.delete(param('cursor'));
      if (trail.length) next.set(param('back'), trail.join(','));
      else next.delete(param('back'));
    }, false);
  const goNext = () => {
    const nextCursor = query.data?.nextCursor;
    if (nextCursor) goTo(nextCursor, cursor ? [...back, cursor] : []);
  };
  const goPrevious = () => goTo(back.at(-1), back.slice(0, -1));
  const setSize = (value: number) =>
    update((next) => {
      if (value === DEFAULT_PAGE_SIZE) next.delete(param('size'));
      else next.set(param('size'), String(value));
      firstPage(next);
    }, false);

  const [frameRef, scrolls] = useScrollsSideways();
  // A pinned column covers the cells that scroll under it: opaque, hover tint included, with an edge.
  const pinEnd = {
    position: 'sticky',
    right: 0,
    zIndex: 1,
    bgcolor: 'background.paper',
    boxShadow: scrolls ? (theme: Theme) => `inset 1px 0 0 ${theme.palette.divider}` : undefined,
    '.MuiTableRow-hover:hover > &': { backgroundImage: (theme: Theme) => `linear-gradient(${theme.palette.action.hover}, ${theme.palette.action.hover})` },
  } as const;
  const controls: ServerTableControls = { filters: values, setFilter: (name, value) => setFilter(name, value) };
  const filtered = Object.keys(values).length > 0;
  const hasBar = Boolean(search || filters.length || toolbar);

  return (
    <>
      {hasBar ? (
        <Stack direction="row" spacing={2} sx={{ mb: 2 }} flexWrap="wrap" useFlexGap alignItems="center">
          {search ? (
            <DebouncedTextField
              type="search"
              label={search.label}
              placeholder={search.placeholder}
              width={search.width ?? 260}
              value={values.q ?? ''}
              onCommit={(v) => setFilter('q', v, true)}
            />
          ) : null}
          {filters.map((f) => {
            const value = values[f.name] ?? '';
            if (f.kind === 'text') {
              return (
                <DebouncedTextField
                  key={f.name}
                  label={f.label}
                  placeholder={f.placeholder}
                  width={f.width ?? 200}
                  value={value}
                  onCommit={(v) => setFilter(f.name, v, true)}
                />
              );
            }
            if (f.kind === 'custom') return <Fragment key={f.name}>{f.render(value, (v) => setFilter(f.name, v))}</Fragment>;
            if (f.kind === 'switch') {
              return (
                <FormControlLabel
                  key={f.name}
                  control={<Switch checked={value === 'true'} onChange={(e) => setFilter(f.name, e.target.checked ? 'true' : '')} />}
                  label={f.label}
                />
              );
            }
            const options = typeof f.options === 'function' ? f.options(rows, value) : f.options;
            // A value from the URL that the options do not know still shows (as itself).
            const shown = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
            return (
              <TextField
                key={f.name}
                margin="none"
                size="small"
                select
                label={f.label}
                value={value}
                onChange={(e) => setFilter(f.name, e.target.value)}
                sx={{ width: f.width ?? 180 }}
              >
                <MenuItem value="">{t('common.all')}</MenuItem>
                {shown.map((o) => (
                  <MenuItem key={o.value} value={o.value}>
                    {o.label}
                  </MenuItem>
                ))}
              </TextField>
            );
          })}
          {toolbar}
        </Stack>
      ) : null}
      <QueryState
        isLoading={query.isLoading}
        error={query.error}
        isEmpty={rows.length === 0 && page === 1}
        emptyText={filtered ? t('common.noMatches') : emptyText}
      >
        <Box sx={{ height: 4 }}>{switching ? <LinearProgress aria-label={t('common.loading')} /> : null}</Box>
        <TableContainer
          ref={frameRef}
          component={Paper}
          variant="outlined"
          // A frame that scrolls sideways takes the keyboard focus, so that the arrow keys scroll it.
          {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': t('layout.scrollableTable') } : {})}
        >
          <Table size={size} aria-busy={switching}>
            <TableHead>
              <TableRow>
                {columns.map((c) => (
                  <TableCell
                    key={c.key}
                    align={c.align}
                    sx={{ whiteSpace: 'nowrap', minWidth: c.nowrap || c.align === 'right' ? undefined : WRAPPING_MIN_WIDTH, ...(c.pinEnd ? pinEnd : {}) }}
                  >
                    {c.header}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody sx={{ opacity: switching ? 0.6 : 1, transition: 'opacity 150ms' }}>
              {rows.map((row) => (
                <TableRow key={rowKey(row)} hover {...rowProps?.(row)}>
                  {columns.map((c) => (
                    <TableCell
                      key={c.key}
                      align={c.align}
                      {...c.cellProps}
                      sx={{ ...(c.nowrap ? { whiteSpace: 'nowrap' } : { overflowWrap: BREAK_LONG_WORDS }), ...(c.pinEnd ? pinEnd : {}), ...c.cellProps?.sx }}
                    >
                      {c.cell(row, controls)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        <Box
          component="nav"
          aria-label={t('table.pagination')}
          sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap', mt: 1.5 }}
        >
          <Typography color="text.secondary" data-testid="table-total">
            {t(totalExact ? 'table.total' : 'table.totalAtLeast', { total: formatCount(total, i18n.language) })}
          </Typography>
          <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap>
            <TextField
              margin="none"
              size="small"
              select
              label={t('table.pageSize')}
              value={String(limit)}
              onChange={(e) => setSize(Number(e.target.value))}
              sx={{ width: 110 }}
            >
              {PAGE_SIZES.map((n) => (
                <MenuItem key={n} value={String(n)}>
                  {n}
                </MenuItem>
              ))}
            </TextField>
            <Typography data-testid="table-page" sx={{ whiteSpace: 'nowrap' }}>
              {totalExact
                ? t('table.page', { page: formatCount(page, i18n.language), pages: formatCount(Math.max(page, pages), i18n.language) })
                : t('table.pageOfMany', { page: formatCount(page, i18n.language) })}
            </Typography>
            <Button variant="outlined" size="small" onClick={goPrevious} disabled={page === 1 || switching}>
              {t('table.previous')}
            </Button>
            <Button variant="outlined" size="small" onClick={goNext} disabled={!query.data?.nextCursor || switching}>
              {t('table.next')}
            </Button>
          </Stack>
        </Box>
      </QueryState>
      {query.error && page > 1 ? (
        // A cursor the server no longer accepts (an old bookmark): offer the way back.
        <Button onClick={() => update(firstPage, false)}>{t('table.firstPage')}</Button>
      ) : null}
    </>
  );
}
