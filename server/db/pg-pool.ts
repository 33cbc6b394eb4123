// A pg Pool whose clients report catalog column types the Prisma pg adapter does not know
// (char 18, name 19, int2vector 22, regproc 24, oidvector 30 → text 25; their arrays 1002, 1003 → text[] 1009).
// Upstream: prisma/orm#27403. Without this, `prisma migrate` fails on its catalog queries.
// Deliberately free of "server-only": prisma.config.ts and scripts load it outside Next.
import pg from "pg";

const REMAP: Record<number, number> = { 18: 25, 19: 25, 22: 25, 24: 25, 30: 25, 1002: 1009, 1003: 1009 };

function remapFields<T>(result: T): T {
  const list = Array.isArray(result) ? result : [result];
  for (const r of list as Array<{ fields?: Array<{ dataTypeID: number }> }>) {
    for (const f of r?.fields ?? []) {
      const mapped = REMAP[f.dataTypeID];
      if (mapped) f.dataTypeID = mapped;
    }
  }
  return result;
}

class CatalogAwareClient extends pg.Client {
  // pg's overloads are not expressible in a subclass; the promise form is the only one the adapter uses.
  query(...args: unknown[]): never {
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(remapFields) as never;
    }
    return out as never;
  }
}

/**
 * A client whose connection is lost while checked out (PostgreSQL restarted, its backend terminated) is taken
 * out of the pool at once. Without this, a client that its user never releases — Prisma's pg adapter does not
 * release a transaction's connection when the ROLLBACK itself fails on the dead connection — keeps its slot for
 * ever: after a few database restarts under load every slot was held by a dead connection and the app hung
 * (tests/faults "db-restart", --full). A later release() by its user is then a no-op instead of pg-pool's
 * double-release error.
 */
function releaseOnConnectionLoss(client: pg.PoolClient): pg.PoolClient["release"] {
  const release = client.release;
  let released = false;
  const lost = () => {
    if (released) return;
    released = true;
    client.removeListener("end", lost);
    client.removeListener("error", lost);
    release(new Error("the database connection was lost while in use"));
  };
  client.once("end", lost);
  client.once("error", lost);
  client.release = (err?: Error | boolean) => {
    client.removeListener("end", lost);
    client.removeListener("error", lost);
    if (released) return;
    released = true;
    release(err);
  };
  return client.release;
}

// pg.Pool#query calls the client in callback form, so the pool's own query is wrapped too.
class CatalogAwarePool extends pg.Pool {
  connect(...args: unknown[]): never {
    const connect = super.connect as (...a: unknown[]) => unknown;
    const callback = typeof args[0] === "function" ? (args[0] as (err: Error | undefined, client?: pg.PoolClient, release?: unknown) => void) : null;
    if (callback) {
      return connect.call(this, (err: Error | undefined, client?: pg.PoolClient, release?: unknown) =>
        callback(err, client, client && !err ? releaseOnConnectionLoss(client) : release),
      ) as never;
    }
    return (connect.call(this) as Promise<pg.PoolClient>).then((client) => {
      releaseOnConnectionLoss(client);
      return client;
    }) as never;
  }

  query(...args: unknown[]): never {
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(remapFields) as never;
    }
    return out as never;
  }
}

export function createPgPool(connectionString: string, options: pg.PoolConfig = {}): pg.Pool {
  // keepAlive: a primary lost without a FIN (host or network gone) is noticed on pooled idle sockets. No
  // connectionTimeoutMillis: pg-pool applies it to the wait for a free slot as well, so under a burst (500
  // concurrent issuances on 10 connections, tests/integration/issuance-concurrency) requests failed that only had
  // to queue; behind HAProxy a connect to a lost primary fails at once (the proxy closes it), seen in the
  // topology's failover proof (docs/operations.md).
  const pool = new CatalogAwarePool({
    connectionString,
    max: 10,
    keepAlive: true,
    ...options,
    Client: CatalogAwareClient,
  });
  // An idle client dropped by the server (restart, terminated backend) must not crash the process; the
  // pool discards it and the next query opens a new connection.
  pool.on("error", () => {});
  return pool;
}
