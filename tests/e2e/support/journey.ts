import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { startAppServer, type AppServer } from './app-server'
import { launchChromium } from './browser'

export interface Journey {
  readonly browser: Browser
  readonly server: AppServer
}

/**
 * Headless Chromium and the built app's server for the journeys of one `describe`: started before
 * its tests, stopped after them. Read `browser` and `server` inside a test, once they are started.
 */
export function useJourney(): Journey {
  let started: [Browser, AppServer] | null = null
  beforeAll(async () => {
    started = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await started?.[0].close()
    await started?.[1].stop()
  })
  const get = () => {
    if (!started) throw new Error('useJourney: read browser and server inside a test')
    return started
  }
  return {
    get browser() {
      return get()[0]
    },
    get server() {
      return get()[1]
    },
  }
}
