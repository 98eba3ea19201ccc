import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findBinary, postgresBinDirs } from './binaries';

export const PG_BIN = {
  initdb: findBinary('initdb', postgresBinDirs()),
  postgres: findBinary('postgres', postgresBinDirs()),
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const asPostgres = process.getuid?.() === 0;

// initdb and postgres refuse to run as root: run them as the postgres user then.
function identity(): { uid?: number; gid?: number } {
  if (!asPostgres) return {};
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

function run(cmd: string, args: string[]) {
  return execFileSync(cmd, args, { stdio: 'pipe', ...identity() });
}

/** A throwaway PostgreSQL cluster on a free loopback port, that a test can stop and start again. */
export class PostgresServer {
  private proc: ChildProcess | null = null;
  readonly dir: string;
  port = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'kpilens-pg-'));
    if (asPostgres) chmodSync(this.dir, 0o777);
  }

  static async create(): Promise<PostgresServer> {
    const s = new PostgresServer();
    run(PG_BIN.initdb!, [
      '-D',
      join(s.dir, 'data'),
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    s.port = await freePort();
    await s.start();
    return s;
  }

  url(database = 'postgres'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const args = [
      '-D',
      join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-k',
      this.dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=on',
      '-c',
      'max_connections=200',
    ];
    this.proc = spawn(PG_BIN.postgres!, args, { stdio: 'ignore', ...identity() });
    const deadline = Date.now() + 30000;
    for (;;) {
      try {
        const c = new Client({ connectionString: this.url() });
        await c.connect();
        await c.end();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Fast shutdown (SIGINT): open transactions are aborted, as in a real outage. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p) return;
    this.proc = null;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGINT');
    await exited;
  }

  async createDatabase(name: string): Promise<string> {
    const c = new Client({ connectionString: this.url() });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    return this.url(name);
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
