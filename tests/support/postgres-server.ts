import pg from 'pg'

/** How test files reach the server the global setup started (or DATABASE_URL) and its template. */
export interface PostgresTestServer {
  host: string
  port: number
  user: string
  password: string
  /** A database to connect to for create/drop database. */
  adminDatabase: string
  /** Shim + migrations + seed, applied once; every test file clones it. */
  templateDatabase: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    dxpPostgres: PostgresTestServer
  }
}

const INT8 = 20
const DATE = 1082

/** Rows look the same on both engines: bigint as number (as PGlite), date as 'YYYY-MM-DD'. */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => Number(value)
    if (oid === DATE) return (value: string) => value
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text')
  }) as pg.CustomTypesConfig['getTypeParser'],
}

export function connectionConfig(server: PostgresTestServer, database: string): pg.ClientConfig {
  const { host, port, user, password } = server
  return { host, port, user, password, database, types: pgTypes }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

export async function withAdminClient<T>(
  server: PostgresTestServer,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(connectionConfig(server, server.adminDatabase))
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}
