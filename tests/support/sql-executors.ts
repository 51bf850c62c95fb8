import type pg from 'pg'
import type { SqlExecutor, SqlTx } from '@/backend/embedded/execute-rpc'

export { pgliteExecutor } from '@/backend/embedded/pglite-executor'

function pgTx(client: pg.PoolClient): SqlTx {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params])
      return { rows: result.rows as R[] }
    },
  }
}

/** One pooled connection per transaction, so concurrent callers really run concurrently. */
export function pgPoolExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async transaction(fn) {
      const client = await pool.connect()
      let broken = false
      try {
        await client.query('begin')
        const result = await fn(pgTx(client))
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => {
          broken = true
        })
        throw error
      } finally {
        client.release(broken)
      }
    },
  }
}
