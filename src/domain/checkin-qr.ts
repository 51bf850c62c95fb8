/**
 * The check-in QR code an employee shows at a session: a versioned prefix and their profile id, so
 * a facilitator's scanner can tell our codes from any other QR code it is pointed at.
 */

const PREFIX = 'DXP1:CHECKIN:'
// Lower-case canonical form; the scanner may hand back upper case.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `DXP1:CHECKIN:<profile uuid>`; throws for anything that is not a UUID (a bug in the caller). */
export function encodeCheckinQr(profileId: string): string {
  if (!UUID.test(profileId)) throw new RangeError(`Not a profile id: ${profileId}`)
  return `${PREFIX}${profileId.toLowerCase()}`
}

/** The profile id in a scanned check-in code (lower case), or null for any other text. */
export function parseCheckinQr(text: string): string | null {
  const trimmed = text.trim()
  if (!trimmed.toUpperCase().startsWith(PREFIX)) return null
  const id = trimmed.slice(PREFIX.length)
  return UUID.test(id) ? id.toLowerCase() : null
}
