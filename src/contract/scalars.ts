// The strings every RPC's arguments are made of.
import * as v from 'valibot'
import { isStorableText } from '@/domain/storable-text'

/**
 * Every string of the write contract: a character the server cannot store (DXP017) is refused here,
 * at the one boundary every change passes, rather than failing the user's whole push later.
 */
export const Text = v.pipe(v.string(), v.check(isStorableText, 'DXP017'))
export const Uuid = v.pipe(v.string(), v.uuid())
export const IsoDate = v.pipe(v.string(), v.isoDate())
export const IsoTimestamp = v.pipe(v.string(), v.isoTimestamp())
