import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import selfsigned from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** Where the local CA certificate is, when ramstack made it (null for operator-supplied certificates). */
  caFile: string | null;
}

/**
 * Loads the operator's certificate, or on first start creates a local CA and a server certificate
 * signed by it under `<data>/tls/` (keys mode 0600) and reuses them afterwards. Node clients trust it
 * with NODE_EXTRA_CA_CERTS=<data>/tls/ca.pem; a certificate whose SANs miss the --host is remade.
 */
export async function loadTls(dataDir: string, host: string, certFile?: string, keyFile?: string): Promise<TlsMaterial> {
  if (certFile && keyFile) return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), caFile: null };
  const dir = join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true });
  const files = { caCert: join(dir, 'ca.pem'), caKey: join(dir, 'ca-key.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server-key.pem'), hosts: join(dir, 'server.hosts') };
  const hosts = [...new Set(['127.0.0.1', 'localhost', host])].sort();

  if (!existsSync(files.caCert) || !existsSync(files.caKey)) {
    const ca = await selfsigned.generate([{ name: 'commonName', value: 'ramstack local CA' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 10 * 365 * 86400_000),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    writeSecret(files.caKey, ca.private);
    writeFileSync(files.caCert, ca.cert);
  }
  const sameHosts = existsSync(files.hosts) && readFileSync(files.hosts, 'utf8') === hosts.join(',');
  if (!existsSync(files.cert) || !existsSync(files.key) || !sameHosts) {
    const server = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 825 * 86400_000),
      ca: { key: readFileSync(files.caKey, 'utf8'), cert: readFileSync(files.caCert, 'utf8') },
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: hosts.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h })) },
      ],
    });
    writeSecret(files.key, server.private);
    writeFileSync(files.cert, server.cert);
    writeFileSync(files.hosts, hosts.join(','));
  }
  return { cert: readFileSync(files.cert, 'utf8'), key: readFileSync(files.key, 'utf8'), caFile: resolve(files.caCert) };
}

function writeSecret(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}
