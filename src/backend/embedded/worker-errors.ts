/**
 * PGlite 0.5's worker passes only an error's `message` back to the tab (`rpc-error: {message}`),
 * which would lose the SQLSTATE the sync engine classifies by. The worker therefore writes the
 * server's fields into the message as JSON behind a marker, and the tab restores them.
 */
const MARKER = 'dxp-pg-error:'

const FIELDS = [
  'code',
  'detail',
  'hint',
  'severity',
  'where',
  'schema',
  'table',
  'column',
  'constraint',
] as const

type DatabaseErrorFields = Partial<Record<(typeof FIELDS)[number], string>>

/** In the worker: an Error whose message carries the Postgres fields (which it also keeps as properties). */
export function encodeDatabaseError(error: unknown): unknown {
  if (!(error instanceof Error) || error.message.startsWith(MARKER)) return error
  const source = error as Error & Record<string, unknown>
  if (typeof source.code !== 'string') return error
  const fields: DatabaseErrorFields & { message: string } = { message: error.message }
  for (const field of FIELDS) {
    const value = source[field]
    if (typeof value === 'string') fields[field] = value
  }
  return Object.assign(new Error(MARKER + JSON.stringify(fields), { cause: error }), fields, {
    message: MARKER + JSON.stringify(fields),
  })
}

/** In the tab: the error as PGlite's DatabaseError would have looked, or the error itself. */
export function decodeDatabaseError(error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.startsWith(MARKER)) return error
  try {
    const fields = JSON.parse(error.message.slice(MARKER.length)) as DatabaseErrorFields & { message: string }
    const restored = new Error(fields.message)
    restored.name = 'DatabaseError'
    return Object.assign(restored, fields)
  } catch {
    return error
  }
}
