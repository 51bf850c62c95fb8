// Kept out of backend.ts: the contract's schemas come with it, and backend.ts is in the first paint.
import * as v from 'valibot'
import { RPCS, type RpcArgs, type RpcName, type RpcResult } from '@/contract'
import type { Backend } from './backend'

/** `Backend.call` for any backend: its `rpc`, then the answer checked against the contract. */
export async function callRpc<N extends RpcName>(
  backend: Pick<Backend, 'rpc'>,
  name: N,
  args: RpcArgs<N>,
): Promise<RpcResult<N>> {
  const schema: v.GenericSchema<unknown, RpcResult<N>> = RPCS[name].result
  return v.parse(schema, await backend.rpc(name, args as Readonly<Record<string, unknown>>))
}
