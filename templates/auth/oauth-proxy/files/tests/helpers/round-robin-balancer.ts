import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer in front of replicas, as in production: one public address, and each request to
 * the next replica in turn, so every step of a sign-in lands on another process than the one before.
 */
export class RoundRobinBalancer {
  replicas: string[] = [];
  #next = 0;

  private constructor(
    readonly url: string,
    private readonly server: Server,
  ) {}

  static async start(): Promise<RoundRobinBalancer> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const balancer = new RoundRobinBalancer(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, server);
    server.on('request', (incoming, outgoing) => {
      const replica = new URL(balancer.#pick());
      const forwarded = request(
        { host: replica.hostname, port: replica.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      incoming.pipe(forwarded);
    });
    return balancer;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #pick(): string {
    const replica = this.replicas[this.#next % this.replicas.length];
    this.#next += 1;
    if (replica === undefined) throw new Error('the balancer has no replicas');
    return replica;
  }
}
