import type { EffectGroup } from '@/composables/useDivisionReports'

/** The first Likert item's mean (satisfaction, by the templates' order), or null when suppressed. */
export function firstMean(group: EffectGroup): number | null {
  return group.reaction?.items[0]?.mean ?? null
}

export function firstNps(group: EffectGroup): number | null {
  return group.reaction?.recommendation[0]?.nps ?? null
}

/** Distribution `{ "1": 0, "2": 3 }` as "1:0 2:3", for a cell and the CSV. */
export function distributionText(distribution: Record<string, number> | null): string {
  if (!distribution) return '—'
  return Object.keys(distribution)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => `${k}:${distribution[k]}`)
    .join(' ')
}
