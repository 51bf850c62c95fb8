import { useI18n } from 'vue-i18n'

/**
 * Why the server refused a change, in the user's language: our own words for a DXP code
 * (`errors.dxpNNN`), else the server's message (Japanese), else a general line. The one place
 * screens turn a rejection into text.
 */
export function useRejectReason(): (code: string | null, serverMessage: string | null) => string {
  const { t, te } = useI18n()
  return (code, serverMessage) => {
    const key = `errors.${(code ?? '').toLowerCase()}`
    if (code && te(key)) return t(key)
    return serverMessage ?? t('errors.unknown')
  }
}
