// A lean keep-alive HTTP client for the benchmarks: bodies are serialised before the clock starts, so the
// figures measure the exporter, not the load generator.
import { Agent, request } from 'node:http';

export interface HttpReply {
  status: number;
  body: string;
}

export class BenchClient {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(
    baseUrl: string,
    private readonly key: string | undefined,
    maxSockets = 8,
  ) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: 'GET' | 'POST', path: string, body?: Buffer): Promise<HttpReply> {
    const headers: Record<string, string | number> = {};
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = body.length;
    }
    return new Promise((resolve, reject) => {
      const req = request(
        { host: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Like send, but a status other than 200 is an error naming the answer. */
  async ok(method: 'GET' | 'POST', path: string, body?: Buffer): Promise<string> {
    const r = await this.send(method, path, body);
    if (r.status !== 200) throw new Error(`${method} ${path}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
    return r.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `tasks` with at most `concurrency` in flight; resolves when all are done (rejects on the first error). */
export async function runConcurrently(
  tasks: Array<() => Promise<unknown>>,
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
}
