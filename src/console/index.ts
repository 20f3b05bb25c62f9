import { hkdfSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CredentialResolver } from '../gateway/credentials.js';
import type { Gateway } from '../gateway/gateway.js';
import type { MasterKey, Sealer } from '../secrets/sealer.js';
import type { Catalogue } from '../services/catalogue.js';
import type { Logger } from '../server/logger.js';
import type { Store } from '../store/store.js';
import { Acting } from './acting.js';
import { LogonLimiter } from './lockout.js';
import { Logon } from './logon.js';
import { OutboxNotifier, type Notifier } from './notifier.js';
import { registerConsoleApi } from './routes.js';
import { SessionCodec } from './session.js';
import { DEFAULT_WEB_ROOT, registerStaticFiles } from './static-files.js';

export interface ConsoleDeps {
  gateway: Gateway;
  catalogue: Catalogue;
  credentials: CredentialResolver;
  store: Store;
  sealer: Sealer;
  masterKey: MasterKey;
  logger: Logger;
  clock: () => number;
  notifier?: Notifier;
  webRoot?: string;
}

/** The web console as a plugin of the HTTP app (src/server/http.ts): its API and its SPA, on both listeners. */
export function consolePlugin(deps: ConsoleDeps): (app: FastifyInstance) => void {
  // Its own key, so a session cookie can never be opened as, or mistaken for, a sealed secret at rest.
  const sessionKey = Buffer.from(hkdfSync('sha256', deps.masterKey.key, Buffer.alloc(0), 'ramstack console sessions', 32));
  const limiter = new LogonLimiter(deps.store);
  return (app) => {
    registerConsoleApi(app, {
      store: deps.store,
      sealer: deps.sealer,
      codec: new SessionCodec(sessionKey),
      logon: new Logon(deps.store, deps.sealer, limiter),
      acting: new Acting(deps.gateway, deps.catalogue, deps.credentials, deps.store),
      notifier: deps.notifier ?? new OutboxNotifier(deps.store, deps.logger),
      clock: deps.clock,
    });
    registerStaticFiles(app, deps.webRoot ?? DEFAULT_WEB_ROOT);
  };
}
