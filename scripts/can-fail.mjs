// Every tier must be able to fail (a harness that swallowed exit codes hid failed PostgreSQL tests
// here once). In a scratch copy of the checkout, plants one failing test per tier, runs the tier's
// own command on it and requires a non-zero exit; a control run of a passing test must exit 0.
// Two lanes run side by side (two cores in CI), each in a scratch copy of its own: the e2e tier
// (mostly the build), and the other Vitest tiers one after another.
import { spawn, execFileSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, unlink, writeFile } from 'node:fs/promises'
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const TIMEOUT_MS = 10 * 60_000
const MARKER = 'can-fail: the planted test'

const failing = (name = 'fails') =>
  `import { expect, it } from 'vitest'\n\nit('${MARKER} ${name}', () => {\n  expect(1).toBe(2)\n})\n`
// Fails on one engine only: the db command must fail when either engine alone fails.
const failingOn = (engine) =>
  `import { expect, it } from 'vitest'\n\nit('${MARKER} fails on ${engine} only', () => {\n  expect(process.env.DXP_DB_ENGINE).not.toBe('${engine}')\n})\n`
const passing = `import { expect, it } from 'vitest'\n\nit('${MARKER} passes', () => {\n  expect(1).toBe(1)\n})\n`

/** expect: 'fail' (non-zero exit, and the planted test ran) or 'pass' (exit 0). */
const lanes = [
  [
    {
      tier: 'e2e',
      file: 'tests/e2e/zz-planted.test.ts',
      content: failing(),
      command: ['npm', 'run', 'test:e2e', '--', 'tests/e2e/zz-planted.test.ts'],
      expect: 'fail',
    },
  ],
  [
    {
      tier: 'unit',
      file: 'tests/unit/zz-planted.test.ts',
      content: failing(),
      command: ['npm', 'run', 'test:unit', '--', 'tests/unit/zz-planted.test.ts'],
      expect: 'fail',
    },
    {
      tier: 'db on PGlite',
      file: 'tests/db/zz-planted.test.ts',
      content: failingOn('pglite'),
      command: ['npm', 'run', 'test:db', '--', 'tests/db/zz-planted.test.ts'],
      expect: 'fail',
    },
    {
      tier: 'db on PostgreSQL',
      file: 'tests/db/zz-planted.test.ts',
      content: failingOn('postgres'),
      command: ['npm', 'run', 'test:db', '--', 'tests/db/zz-planted.test.ts'],
      expect: 'fail',
    },
    {
      tier: 'control: db, a passing test',
      file: 'tests/db/zz-planted.test.ts',
      content: passing,
      command: ['npm', 'run', 'test:db', '--', 'tests/db/zz-planted.test.ts'],
      expect: 'pass',
    },
    // `npm run bench` also builds and drives Chromium (lighthouse, bundle figures): too costly here,
    // so the bench projects run alone, as that script runs them.
    {
      tier: 'bench on PGlite',
      file: 'tests/bench/zz-planted.bench.ts',
      content: failing(),
      command: ['npx', 'vitest', 'run', '--project', 'bench-pglite', 'tests/bench/zz-planted.bench.ts'],
      expect: 'fail',
    },
    {
      tier: 'bench on PostgreSQL',
      file: 'tests/bench/zz-planted.bench.ts',
      content: failing(),
      command: ['npx', 'vitest', 'run', '--project', 'bench-postgres', 'tests/bench/zz-planted.bench.ts'],
      expect: 'fail',
    },
  ],
]

// eslint and prettier read the whole tree: on two busy cores they doubled the check's time, for
// commands that are their tools' own exit codes. `npm run test:can-fail -- --lint` adds them.
if (process.argv.includes('--lint')) {
  lanes[0].push({
    tier: 'lint',
    file: 'tests/unit/zz-planted-lint.ts',
    content: `export function planted(): number {\n  const unused = 1\n  return 2\n}\n`,
    command: ['npm', 'run', 'lint'],
    expect: 'fail',
    marker: 'zz-planted-lint.ts',
  })
  lanes[1].unshift({
    tier: 'format',
    file: 'tests/unit/zz-planted-format.ts',
    content: `export const planted = {a:1}\n`,
    command: ['npm', 'run', 'format:check'],
    expect: 'fail',
    marker: 'zz-planted-format.ts',
  })
}

const scratchDirs = new Set()

/**
 * The checkout's files (tracked, and untracked ones git does not ignore, so uncommitted work is
 * checked too) in a temp dir. node_modules is a real directory of symlinks to the real entries:
 * Vite and Vitest write their caches into node_modules/.vite*, which must stay in the copy.
 */
async function scratchCopy() {
  const dir = await mkdtemp(path.join(tmpdir(), 'dxp-can-fail-'))
  scratchDirs.add(dir)
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(path.join(root, file)))
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await copyFile(path.join(root, file), path.join(dir, file))
  }
  await mkdir(path.join(dir, 'node_modules'))
  for (const entry of await readdir(path.join(root, 'node_modules'))) {
    if (entry.startsWith('.vite')) continue
    await symlink(path.join(root, 'node_modules', entry), path.join(dir, 'node_modules', entry))
  }
  return dir
}

const running = new Set()

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group has exited already.
  }
}

function run(command, cwd, logFile) {
  return new Promise((resolve) => {
    const log = createWriteStream(logFile)
    // A process group of its own, so a timeout (or our own interruption) stops all of it.
    const child = spawn(command[0], command.slice(1), {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    running.add(child)
    // A command that cannot start (no npm on PATH) fails its check instead of crashing this script.
    child.on('error', (error) => log.write(`${error}\n`))
    child.stdout.pipe(log, { end: false })
    child.stderr.pipe(log, { end: false })
    // SIGTERM first: the PostgreSQL server process stops its server and removes its data dir on it.
    const timer = setTimeout(() => {
      signalGroup(child, 'SIGTERM')
      setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000).unref()
    }, TIMEOUT_MS)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      running.delete(child)
      log.end(() => resolve(code ?? `signal ${signal}`))
    })
  })
}

async function runLane(checks) {
  const dir = await scratchCopy()
  const results = []
  try {
    for (const check of checks) {
      const planted = path.join(dir, check.file)
      await writeFile(planted, check.content)
      const logFile = path.join(dir, `can-fail-${results.length}.log`)
      const started = Date.now()
      const code = await run(check.command, dir, logFile)
      await unlink(planted)
      const output = readFileSync(logFile, 'utf8')
      const ran = output.includes(check.marker ?? MARKER)
      const ok = check.expect === 'pass' ? code === 0 : code !== 0 && ran
      const seconds = ((Date.now() - started) / 1000).toFixed(0)
      const want = check.expect === 'pass' ? 'must be 0' : 'must be non-zero'
      const note =
        check.expect === 'fail' && code !== 0 && !ran ? ', but the planted file was not reached' : ''
      console.log(`can-fail ${check.tier}: exit ${code} (${want}${note}) ${ok ? '✓' : '✗'} [${seconds} s]`)
      if (!ok)
        console.log(
          output
            .split('\n')
            .slice(-30)
            .map((line) => `    ${line}`)
            .join('\n'),
        )
      results.push({ ...check, ok })
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
    scratchDirs.delete(dir)
  }
  return results
}

function stopAll(signal) {
  for (const child of running) signalGroup(child, 'SIGTERM')
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true })
  process.exit(signal === 'SIGINT' ? 130 : 143)
}
process.on('SIGINT', stopAll)
process.on('SIGTERM', stopAll)

const started = Date.now()
const results = (await Promise.all(lanes.map(runLane))).flat()
const bad = results.filter((result) => !result.ok)
const seconds = ((Date.now() - started) / 1000).toFixed(0)
if (bad.length === 0) {
  console.log(`can-fail: all ${results.length} checks as required, in ${seconds} s`)
} else {
  console.log(
    `can-fail: ${bad.length} of ${results.length} checks wrong (${bad.map((r) => r.tier).join(', ')}), in ${seconds} s`,
  )
  process.exit(1)
}
