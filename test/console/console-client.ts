/** A browser-like client of the console API: keeps the cookies and echoes the CSRF token, as the SPA does. */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();
  /** The last Set-Cookie headers received (to check their attributes). */
  lastSetCookies: string[] = [];

  constructor(private readonly baseUrl: string) {}

  /** Another client holding the same cookies: a copied (stolen) session. */
  copy(): ConsoleClient {
    const other = new ConsoleClient(this.baseUrl);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }

  get csrf(): string {
    return this.cookies.get('ramstack_csrf') ?? '';
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
    const response = await fetch(`${this.baseUrl}/console/api${path}`, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(method === 'POST' ? { 'content-type': 'application/json', 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return { status: response.status, json: await response.json() };
  }

  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.call('POST', path, body, headers);
  }

  action(version: string, name: string, params: Record<string, unknown> = {}, headers?: Record<string, string>) {
    return this.post(`/actions/${version}/${name}`, params, headers);
  }

  ram(name: string, params: Record<string, unknown> = {}) {
    return this.action('2015-05-01', name, params);
  }
}
