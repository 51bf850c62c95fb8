import type { RecordRejection } from '@/composables/useLearningRecords'

// Codes with wording of our own (in both languages); any other code shows the server's Japanese message.
const OWN_WORDING = new Set(['DXP040', 'DXP041', 'DXP043'])

/** Why the server refused a change, in the user's language where we have the words. */
export function rejectionText(t: (key: string) => string, rejection: RecordRejection): string {
  if (rejection.code && OWN_WORDING.has(rejection.code))
    return t(`learning.rejection.${rejection.code.toLowerCase()}`)
  return rejection.message ?? t('learning.rejection.unknown')
}
