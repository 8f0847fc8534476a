import { createServer, connect, type Socket } from "node:net";
import { freePort } from "./env.js";

/**
 * A TCP pass-through to a real server (Postgres) that a test can take down and bring back: down
 * closes every open connection and refuses new ones (ECONNREFUSED), as a stopped database does.
 */
export async function startTcpProxy(targetPort: number, targetHost = "127.0.0.1") {
  const port = await freePort();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = () => new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  await listen();
  let up = true;
  return {
    port,
    async down() {
      if (!up) return;
      up = false;
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    async up() {
      if (up) return;
      up = true;
      await listen();
    },
    async stop() {
      await this.down();
    },
  };
}
