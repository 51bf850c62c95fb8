/**
 * The RPC contract between the client and the rules of record: supabase/README.md describes it for
 * people, these files for the compiler and at runtime. Types come from valibot schemas, so what the
 * client sends and what it accepts back are checked by one definition. The bottom layer of the app
 * beside domain/: features, composables, data and backend import it; it imports only domain/.
 */
export * from './errors'
export * from './scalars'
export * from './push'
export * from './pull'
export * from './directory'
export * from './elearning'
export * from './roster'
export * from './effect'
export * from './division'
export * from './personas'
export * from './rpc'
