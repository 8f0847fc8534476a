import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * What one proxy saw from its clients: wire-level round trips, explicit transactions (BEGIN …
 * COMMIT), statements run outside one (each is a transaction of its own for Postgres), and
 * statements by text.
 */
export type SqlCounts = { roundTrips: number; begins: number; commits: number; rollbacks: number; autocommits: number; statements: Map<string, number> };

export const emptyCounts = (): SqlCounts => ({ roundTrips: 0, begins: 0, commits: 0, rollbacks: 0, autocommits: 0, statements: new Map() });

/** The difference of two snapshots (b − a). */
export function diffCounts(a: SqlCounts, b: SqlCounts): SqlCounts {
  const statements = new Map<string, number>();
  for (const [k, v] of b.statements) {
    const d = v - (a.statements.get(k) ?? 0);
    if (d > 0) statements.set(k, d);
  }
  return {
    roundTrips: b.roundTrips - a.roundTrips,
    begins: b.begins - a.begins,
    commits: b.commits - a.commits,
    rollbacks: b.rollbacks - a.rollbacks,
    autocommits: b.autocommits - a.autocommits,
    statements,
  };
}

export const cloneCounts = (c: SqlCounts): SqlCounts => ({ ...c, statements: new Map(c.statements) });

/** A statement's text as a short key: whitespace folded, literals kept out (they are $n parameters anyway). */
function statementKey(sql: string): string {
  return sql.replace(/\s+/g, " ").trim().slice(0, 120);
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * Parses the frontend side of the Postgres protocol as it streams by. One round trip is a simple
 * Query ('Q') or the Sync ('S') that ends an extended-query batch (Parse/Bind/Execute…): that is
 * when the client waits for the server. BEGIN/COMMIT/ROLLBACK are recognised in Query text and in
 * the text a Bind executes (of an unnamed or a named, prepared, statement).
 */
function createFrontendParser(counts: SqlCounts) {
  let buf: Buffer = Buffer.alloc(0);
  let startup = true;
  // Per connection: inside BEGIN … COMMIT? Was the last parsed statement BEGIN/COMMIT/ROLLBACK?
  // Did this batch execute a statement outside a transaction block?
  let inTx = false;
  let lastControl = false;
  let autocommitPending = false;
  /** The last unnamed statement's text, and each named statement's, on this connection. */
  let unnamed = "";
  const prepared = new Map<string, string>();
  /** Notes a statement's text; true when it is transaction control. */
  const note = (sql: string): boolean => {
    const key = statementKey(sql);
    counts.statements.set(key, (counts.statements.get(key) ?? 0) + 1);
    const head = key.slice(0, 17).toUpperCase();
    if (head.startsWith("BEGIN") || head.startsWith("START TRANSACTION")) {
      counts.begins++;
      inTx = true;
    } else if (head.startsWith("COMMIT") || head.startsWith("END")) {
      counts.commits++;
      inTx = false;
    } else if (head.startsWith("ROLLBACK")) {
      counts.rollbacks++;
      inTx = false;
    } else return false;
    return true;
  };
  return (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    let at = 0;
    for (;;) {
      if (startup) {
        // Untyped: int32 length, int32 code (an SSL/GSS request is followed by another untyped startup).
        if (buf.length - at < 8) break;
        const len = buf.readInt32BE(at);
        if (buf.length - at < len) break;
        const code = buf.readInt32BE(at + 4);
        at += len;
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
        continue;
      }
      if (buf.length - at < 5) break;
      const type = buf[at];
      const len = buf.readInt32BE(at + 1);
      if (buf.length - at < 1 + len) break;
      const body = buf.subarray(at + 5, at + 1 + len);
      if (type === 0x51 /* Q */) {
        counts.roundTrips++;
        if (!note(body.toString("utf8", 0, Math.max(0, body.indexOf(0)))) && !inTx) counts.autocommits++;
      } else if (type === 0x50 /* P */) {
        // Parse: statement name, then text. A named statement is parsed once per connection and
        // then only bound, so statements are noted at Bind, by the text their name stands for.
        const nameEnd = body.indexOf(0);
        const text = body.toString("utf8", nameEnd + 1, body.indexOf(0, nameEnd + 1));
        if (nameEnd === 0) unnamed = text;
        else prepared.set(body.toString("utf8", 0, nameEnd), text);
      } else if (type === 0x42 /* B */) {
        // Bind: portal name, then statement name.
        const portalEnd = body.indexOf(0);
        const name = body.toString("utf8", portalEnd + 1, body.indexOf(0, portalEnd + 1));
        lastControl = note(name === "" ? unnamed : (prepared.get(name) ?? name));
      } else if (type === 0x45 /* E */) {
        if (!lastControl && !inTx) autocommitPending = true;
      } else if (type === 0x53 /* S */) {
        counts.roundTrips++;
        if (autocommitPending) counts.autocommits++;
        autocommitPending = false;
      }
      at += 1 + len;
    }
    buf = at >= buf.length ? Buffer.alloc(0) : buf.subarray(at);
  };
}

export type PgProxy = { port: number; counts: SqlCounts; close(): Promise<void> };

/** A TCP proxy on loopback in front of Postgres that counts what its clients ask. */
export async function startPgProxy(upstream: { host: string; port: number }): Promise<PgProxy> {
  const counts = emptyCounts();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const server = connect(upstream.port, upstream.host);
    sockets.add(client).add(server);
    const parse = createFrontendParser(counts);
    client.setNoDelay(true);
    server.setNoDelay(true);
    client.on("data", (chunk) => {
      parse(chunk);
      if (!server.write(chunk)) client.pause();
    });
    server.on("drain", () => client.resume());
    server.pipe(client);
    const end = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on("close", end).on("error", end);
    server.on("close", end).on("error", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as { port: number }).port,
    counts,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
