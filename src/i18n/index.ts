import { createI18n } from 'vue-i18n'
import ja, { type MessageSchema } from './ja'

export const supportedLocales = ['ja', 'en'] as const
export type AppLocale = (typeof supportedLocales)[number]

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value)
}

// Japanese ships in the first paint; other languages load on demand.
const loaders: Record<Exclude<AppLocale, 'ja'>, () => Promise<{ default: MessageSchema }>> = {
  en: () => import('./en'),
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: 'ja',
  fallbackLocale: 'ja',
  // Only Japanese is bundled; the others are added by applyLocale() when first chosen.
  messages: { ja } as Record<AppLocale, MessageSchema>,
})

export async function applyLocale(locale: AppLocale): Promise<void> {
  if (locale !== 'ja' && !i18n.global.availableLocales.includes(locale)) {
    const messages = await loaders[locale]()
    i18n.global.setLocaleMessage(locale, messages.default)
  }
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
