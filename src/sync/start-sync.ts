/**
 * The engine and its triggers together, as the app runs them: one call on start-up, one `stop()`
 * (the page going away, or a test). Rounds run for whoever is signed in at the time.
 */
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync-loop'
import { installSyncTriggers, type SyncTriggerOptions } from './triggers'

export type StartSyncOptions = SyncEngineOptions & Omit<SyncTriggerOptions, 'engine' | 'db' | 'backend'>

export interface RunningSync {
  engine: SyncEngine
  /** Removes every trigger and stops the engine. */
  stop(): void
}

export function startSync(options: StartSyncOptions): RunningSync {
  const engine = createSyncEngine(options)
  const removeTriggers = installSyncTriggers({ ...options, engine })
  return {
    engine,
    stop() {
      removeTriggers()
      engine.stop()
    },
  }
}
