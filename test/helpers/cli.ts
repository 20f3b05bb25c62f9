import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs the `ramstack` command from source (tsx), as an operator would run the installed one. */
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const NODE_ARGS = ['--import', 'tsx', MAIN];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout (JSON log lines) and stderr so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  httpUrl: string;
  httpsUrl: string;
}

/** Starts `ramstack serve` in a child process (pass --port 0 --tls-port 0) and waits until it says where it serves. */
export function spawnServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => {
      stderr += d;
      const serving = /ramstack: serving (\S+) and (\S+)/.exec(stderr);
      if (serving) {
        clearTimeout(timer);
        resolve({ child, output: () => ({ stdout, stderr }), exited, httpUrl: serving[1]!, httpsUrl: serving[2]! });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

