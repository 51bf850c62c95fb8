import { computed, resolveDynamicComponent, type ComputedRef } from 'vue'
import type { RouteLocationRaw } from 'vue-router'

export interface UiLinkTarget {
  to?: RouteLocationRaw
  href?: string
}

export interface UiLinkRender {
  is: ReturnType<typeof resolveDynamicComponent>
  attrs: Record<string, unknown>
}

/**
 * What a link-capable ui component renders: a RouterLink for `to`, an <a> for `href`, or null when
 * neither is given. Must be called in setup.
 */
export function useUiLink(target: () => UiLinkTarget): ComputedRef<UiLinkRender | null> {
  // Resolved by name rather than imported, so ui/ works (and tests run) without a router installed.
  const routerLink = resolveDynamicComponent('RouterLink')
  const hasRouterLink = typeof routerLink !== 'string'

  return computed(() => {
    const { to, href } = target()
    if (to !== undefined && hasRouterLink) return { is: routerLink, attrs: { to } }
    const url = href ?? (typeof to === 'string' ? to : undefined)
    if (url === undefined) return null
    return { is: 'a', attrs: { href: url } }
  })
}
