// Finds a Chromium for browser tests and scripts, in the order the project fixes:
// CHROMIUM_PATH, Debian's /usr/bin/chromium, then the @sparticuz/chromium npm package.
import { existsSync } from 'node:fs'

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to a missing file: ${fromEnv}`)
    return fromEnv
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  const { default: sparticuz } = await import('@sparticuz/chromium')
  return sparticuz.executablePath()
}

// extraArgs: flags one test needs on top of the fixed ones, e.g. a fake camera.
export async function launchChromium(extraArgs = []) {
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: await findChromium(), args: [...chromiumArgs, ...extraArgs] })
}
