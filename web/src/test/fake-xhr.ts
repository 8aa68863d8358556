// A stand-in for XMLHttpRequest, driven by the test: msw answers XHR but sends no upload progress,
// so the tests that follow an upload install this (vi.stubGlobal('XMLHttpRequest', FakeXhr)) and
// play the upload's progress events and the answer themselves.

type Handler = ((event: ProgressEvent) => void) | null;

export class FakeXhr {
  /** Every request sent since the last reset, oldest first. */
  static sent: FakeXhr[] = [];

  static reset(): void {
    FakeXhr.sent = [];
  }

  method = '';
  url = '';
  /** Request headers as set, by lower-case name. */
  headers: Record<string, string> = {};
  withCredentials = false;
  body: Document | XMLHttpRequestBodyInit | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  upload: { onprogress: Handler; onload: Handler } = { onprogress: null, onload: null };
  onload: Handler = null;
  onerror: Handler = null;
  ontimeout: Handler = null;
  onabort: Handler = null;
  private responseHeaders = '';

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  send(body: Document | XMLHttpRequestBodyInit | null = null): void {
    this.body = body;
    FakeXhr.sent.push(this);
  }

  getAllResponseHeaders(): string {
    return this.responseHeaders;
  }

  abort(): void {
    this.onabort?.(new ProgressEvent('abort'));
  }

  // ---- what the test plays ----

  /** The browser's upload.onprogress: `loaded` of `total` bytes sent. */
  progress(loaded: number, total: number): void {
    this.upload.onprogress?.(new ProgressEvent('progress', { loaded, total, lengthComputable: true }));
  }

  /** The whole body is sent (upload.onload); the server is now working on it. */
  uploaded(): void {
    this.upload.onload?.(new ProgressEvent('load'));
  }

  /** The server's answer: JSON (or no body) with a status and headers. */
  respond(status: number, body: unknown, headers: Record<string, string> = {}, statusText = ''): void {
    this.status = status;
    this.statusText = statusText;
    this.responseText = body === undefined ? '' : JSON.stringify(body);
    this.responseHeaders = Object.entries({ 'Content-Type': 'application/json', ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    this.onload?.(new ProgressEvent('load'));
  }

  /** A network failure (connection refused, reset). */
  fail(): void {
    this.onerror?.(new ProgressEvent('error'));
  }
}
