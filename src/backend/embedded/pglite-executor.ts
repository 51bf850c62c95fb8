import type { PGliteInterface } from '@electric-sql/pglite'
import type { SqlExecutor, SqlTx } from './execute-rpc'

/** A transaction that can also run a multi-statement script (a migration file). */
export interface ScriptTx extends SqlTx {
  exec(script: string): Promise<void>
}

/** A {@link SqlExecutor} whose transactions also run scripts: what the schema installer needs. */
export interface ScriptExecutor extends SqlExecutor {
  transaction<T>(fn: (tx: ScriptTx) => Promise<T>): Promise<T>
}

/**
 * PGlite (in-process, or a `PGliteWorker` proxy to the worker) as an executor. PGlite serialises
 * transactions itself; its `transaction()` commits or rolls back around `fn`.
 */
export function pgliteExecutor(db: PGliteInterface): ScriptExecutor {
  return {
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          async query<R>(sql: string, params: readonly unknown[] = []) {
            const result = await tx.query<R>(sql, [...params])
            return { rows: result.rows }
          },
          async exec(script: string) {
            await tx.exec(script)
          },
        }),
      ),
  }
}
