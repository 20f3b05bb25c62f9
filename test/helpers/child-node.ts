import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs a CommonJS snippet in a fresh Node process started with the given environment — needed for
 * NODE_EXTRA_CA_CERTS, which Node reads only at start, exactly as a user's program would be run.
 * The snippet's last expression value is awaited and printed as JSON; errors come back as
 * { error: { code, message, statusCode } }.
 */
export function runNode(snippet: string, env: NodeJS.ProcessEnv): Promise<any> {
  const program = `
    (async () => { ${snippet} })().then(
      (value) => process.stdout.write(JSON.stringify({ value })),
      (e) => process.stdout.write(JSON.stringify({ error: { code: e.code, message: String(e.message), statusCode: e.statusCode } })),
    );`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', program], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`child produced no JSON: ${out} ${err}`));
      }
    });
  });
}
