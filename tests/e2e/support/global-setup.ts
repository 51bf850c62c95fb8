import { existsSync } from 'node:fs'
import { findChromium } from '../../../scripts/chromium.mjs'

// The e2e suite drives the built app: `npm run test:e2e` builds first.
export default async function setup(): Promise<void> {
  if (!existsSync(new URL('../../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ is missing: run `npm run test:e2e` (it builds the app first) or `npm run build`.')
  }
  // Unpacks the npm Chromium once, before test files race to do it.
  await findChromium()
}
