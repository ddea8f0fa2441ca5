import { computed, ref } from 'vue'
import { useProblem } from './useProblem'
import { openErrors, snapshot } from '@/lib/form'

/**
 * A form that the server checks: its field messages go next to their fields (the rest to a toast,
 * see {@link useProblem}) and each one disappears as soon as the user changes that field.
 * `errors` is what the form shows; `show` takes what a save threw.
 */
export function useServerForm<T extends object>(form: T) {
  const base = useProblem()
  const refused = ref<Record<string, string>>({})
  const values = form as unknown as Record<string, unknown>
  const errors = computed(() => openErrors(base.errors.value, refused.value, values))

  function show(error: unknown): void {
    base.show(error)
    refused.value = snapshot(base.errors.value, values)
  }

  function clear(): void {
    base.clear()
    refused.value = {}
  }

  return { problem: base.problem, errors, clear, show }
}
