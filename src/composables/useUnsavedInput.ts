import { computed, onScopeDispose, shallowReactive, watch, type ComputedRef, type Ref } from 'vue'

// Forms that hold input not yet saved locally. The update banner reads this so that a new
// version never reloads the page out from under someone filling a form.
const dirtyForms = shallowReactive(new Set<symbol>())

export const hasUnsavedInput: ComputedRef<boolean> = computed(() => dirtyForms.size > 0)

/** Registers a form's dirty flag for as long as the calling component lives. */
export function useUnsavedInput(isDirty: Ref<boolean>): void {
  const token = Symbol('form')
  watch(
    isDirty,
    (dirty) => {
      if (dirty) dirtyForms.add(token)
      else dirtyForms.delete(token)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    dirtyForms.delete(token)
  })
}
