/**
 * Starts the embedded backend in the browser: PGlite in a Web Worker, persisted in IndexedDB,
 * brought up to the bundled migrations on every start (only new files run; see schema-installer.ts).
 * Loaded only through `loadBackend()`'s dynamic import, so PGlite never enters first paint.
 */
import type { ExecProtocolResult, messages } from '@electric-sql/pglite'
import { PGliteWorker } from '@electric-sql/pglite/worker'
import type { EmbeddedBackend } from '../backend'
import { loadBundledSchemaFiles } from './bundled-schema'
import { createEmbeddedBackend } from './embedded-backend'
import { pgliteExecutor } from './pglite-executor'
import { installSchema, SchemaDriftError, type InstallOptions } from './schema-installer'
import { localStorageClaimsStore } from './claims-store'
import { decodeDatabaseError } from './worker-errors'

/** PGlite's IndexedDB-backed data dir for this app. */
export const EMBEDDED_DATA_DIR = 'idb://dx-passport'

/** Restores the Postgres fields of an error raised in the worker (see worker-errors.ts). */
class ReportingPGliteWorker extends PGliteWorker {
  override async execProtocol(message: Uint8Array): Promise<ExecProtocolResult> {
    try {
      return await super.execProtocol(message)
    } catch (error) {
      throw decodeDatabaseError(error)
    }
  }

  override async execProtocolStream(message: Uint8Array): Promise<messages.BackendMessage[]> {
    try {
      return await super.execProtocolStream(message)
    } catch (error) {
      throw decodeDatabaseError(error)
    }
  }
}

export interface OpenEmbeddedOptions extends InstallOptions {
  dataDir?: string
  /**
   * Asked when a file applied to this device's database has changed since (SchemaDriftError):
   * 'reset' deletes the local database and installs afresh, 'fail' rethrows (the default).
   * The app asks the user, and says what a reset loses.
   */
  onSchemaDrift?: (error: SchemaDriftError) => Promise<'reset' | 'fail'>
}

export async function openEmbeddedBackend(options: OpenEmbeddedOptions = {}): Promise<EmbeddedBackend> {
  const dataDir = options.dataDir ?? EMBEDDED_DATA_DIR
  const worker = new Worker(new URL('./pglite.worker.ts', import.meta.url), {
    type: 'module',
    name: 'pglite',
  })
  const db = new ReportingPGliteWorker(worker, { dataDir })
  await db.waitReady
  const executor = pgliteExecutor(db)
  let rebuiltOnOpen = false
  try {
    const report = await installSchema(executor, await loadBundledSchemaFiles(), options)
    rebuiltOnOpen = report.rebuilt !== null
  } catch (error) {
    await db.close()
    worker.terminate()
    if (!(error instanceof SchemaDriftError)) throw error
    if (options.onSchemaDrift && (await options.onSchemaDrift(error)) === 'reset') {
      await resetEmbeddedDatabase(dataDir)
      return openEmbeddedBackend({ ...options, onSchemaDrift: undefined })
    }
    if (import.meta.env.DEV) {
      // A migration was edited after this browser applied it: offer the developer a clean start.
      Object.assign(globalThis, { dxpResetLocalDatabase: () => resetEmbeddedDatabase(dataDir) })
      console.error(
        `${error.message}\nIn development: run dxpResetLocalDatabase() in this console, then reload.`,
      )
    }
    throw error
  }
  const backend = createEmbeddedBackend({
    executor,
    claimsStore: localStorageClaimsStore(),
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine,
  })
  return Object.assign(backend, { rebuiltOnOpen })
}

/**
 * Deletes the local database (every tab must reload afterwards). Local-only data is lost: the
 * caller asks first, and never while the outbox holds unsent changes.
 */
export async function resetEmbeddedDatabase(dataDir = EMBEDDED_DATA_DIR): Promise<void> {
  // PGlite's IDBFS names the IndexedDB database after its mount point. (The replica, Dexie's
  // 'dx-passport', is another database and stays.)
  const name = `/pglite/${dataDir.replace(/^idb:\/\//, '')}`
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`))
    request.onblocked = () => reject(new Error(`Close the other tabs of the app to delete ${name}`))
  })
}
