import { useI18n } from 'vue-i18n'

/** The Japanese reason for a server's DXP0xx code; the server's own message for a code we do not know. */
export function useRejectReason(): (code: string | null, serverMessage: string | null) => string {
  const { t, te } = useI18n()
  return (code, serverMessage) => {
    const key = `settings.reject_reason.${(code ?? '').toLowerCase()}`
    if (code && te(key)) return t(key)
    return serverMessage ?? code ?? ''
  }
}
