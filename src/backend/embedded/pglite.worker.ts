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

/**
 * Keeps the SQLSTATE and the server's texts across the worker boundary (see worker-errors.ts), and
 * writes to IndexedDB once per transaction instead of once per statement.
 */
class ReportingPGlite extends PGlite {
  /**
   * PGlite copies its files to IndexedDB after every statement, even inside a transaction: the
   * first install (some 60 transactions, thousands of statements) then took 12 s instead of 1.6 s.
   * A transaction's inner statements are not durable in Postgres either, so the copy waits for
   * the statement that ends it (or for a statement outside any transaction) and, as before, the
   * answer is returned only once the copy is written.
   */
  override async execProtocolRaw(
    message: Uint8Array,
    { syncToFs = true }: ExecProtocolOptions = {},
  ): Promise<Uint8Array> {
    const data = await super.execProtocolRaw(message, { syncToFs: false })
    if (syncToFs && !this.isInTransaction()) await this.syncToFs()
    return data
  }

  override async execProtocolRawStream(
    message: Uint8Array,
    options: ExecProtocolOptionsStream,
  ): Promise<void> {
    await super.execProtocolRawStream(message, { ...options, syncToFs: false })
    if ((options.syncToFs ?? true) && !this.isInTransaction()) await this.syncToFs()
  }

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
