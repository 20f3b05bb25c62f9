import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` (Vite) puts the SPA: dist/console-web, from src/console or dist/console alike. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/console-web/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html;charset=utf-8',
  '.js': 'text/javascript;charset=utf-8',
  '.css': 'text/css;charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json;charset=utf-8',
};

// Ant Design writes its styles at run time, hence 'unsafe-inline' for styles only; QR codes are data: images.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * Serves the SPA under /console: a file of the build when the path names one, else index.html, so
 * client-side routes (/console/users/alice) survive a reload. Paths cannot leave the web root.
 */
export function registerStaticFiles(app: FastifyInstance, webRoot: string): void {
  const root = normalize(webRoot.endsWith(sep) ? webRoot : webRoot + sep);
  const serve = async (path: string) => {
    const file = normalize(join(root, path));
    if (file.startsWith(root) && file !== root) {
      const content = await readFile(file).catch(() => null);
      if (content) return { content, type: TYPES[extname(file)] ?? 'application/octet-stream', immutable: path.startsWith('assets/') };
    }
    const index = await readFile(join(root, 'index.html')).catch(() => null);
    return index ? { content: index, type: TYPES['.html']!, immutable: false } : null;
  };
  const handler = async (path: string, reply: FastifyReply) => {
    // An unknown API path is an API error, not the SPA.
    if (path.startsWith('api/')) return reply.callNotFound();
    const found = await serve(decodeURIComponent(path));
    if (!found) return reply.code(503).type('text/plain').send('The console is not built: run `npm run build`.');
    return reply
      .headers(SECURITY_HEADERS)
      .header('cache-control', found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type(found.type)
      .send(found.content);
  };
  app.get('/console', (_request, reply) => handler('', reply));
  app.get('/console/*', (request, reply) => handler((request.params as { '*': string })['*'], reply));
}
