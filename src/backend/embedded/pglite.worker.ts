// The embedded database's engine: one PGlite per origin, run by the leader tab's worker (PGliteWorker
// elects it); every tab's queries reach it through its own PGliteWorker proxy.
import {
  PGlite,
  type ExecProtocolOptions,
  type ExecProtocolOptionsStream,
  type ExecProtocolResult,
  type messages,
} from '@electric-sql/pglite'
import { worker } from '@electric-sql/pglite/worker'
import { encodeDatabaseError } from './worker-errors'

/** Keeps the SQLSTATE and the server's texts across the worker boundary (see worker-errors.ts). */
class ReportingPGlite extends PGlite {
  override async execProtocol(
    message: Uint8Array,
    options?: ExecProtocolOptions,
  ): Promise<ExecProtocolResult> {
    try {
      return await super.execProtocol(message, options)
    } catch (error) {
      throw encodeDatabaseError(error)
    }
  }

  override async execProtocolStream(
    message: Uint8Array,
    options?: ExecProtocolOptionsStream,
  ): Promise<messages.BackendMessage[]> {
    try {
      return await super.execProtocolStream(message, options)
    } catch (error) {
      throw encodeDatabaseError(error)
    }
  }
}

void worker({
  async init(options) {
    const db = new ReportingPGlite({ dataDir: options.dataDir, debug: options.debug })
    await db.waitReady
    return db
  },
})
