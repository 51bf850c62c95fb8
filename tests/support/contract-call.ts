import type { Backend } from '@/backend/backend'
import { callRpc } from '@/backend/call-rpc'

/**
 * Gives a test's stand-in backend (an `rpc` answering what the test wants) the `call` every backend
 * has: the answer checked against the contract, so a test cannot feed a screen a shape the real
 * server would not send.
 */
export function withContractCall<T extends { rpc: (...args: never[]) => Promise<unknown> }>(
  backend: T,
): T & Pick<Backend, 'call'> {
  const rpcOnly = backend as unknown as Pick<Backend, 'rpc'>
  return Object.assign(backend, { call: ((name, args) => callRpc(rpcOnly, name, args)) as Backend['call'] })
}
