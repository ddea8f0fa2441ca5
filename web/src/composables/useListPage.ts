import { computed, reactive, ref } from 'vue'
import type { Page } from '@/api/enterprise'
import { setValues, sortParam, type SortEvent } from '@/lib/list'
import { useProblem } from './useProblem'

export interface ListPageOptions<T, F extends object> {
  /** The filter's empty state (what 重置 goes back to). */
  filter: F
  /** One page from the server: set filter values only, 0-based page, the sort parameter. */
  fetch: (filter: Partial<F>, page: number, size: number, sort: string | undefined) => Promise<Page<T>>
  /** The export's address for the same filter and order, when the list exports. */
  exportUrl?: (filter: Partial<F>, sort: string | undefined) => string
  size?: number
}

/**
 * A filtered, paged, sortable, exportable list: the state and steps every list page repeats.
 * Sorting and paging go to the server (scoped there like the list); the export asks for exactly
 * what the list shows, in the same order.
 */
export function useListPage<T, F extends object>(options: ListPageOptions<T, F>) {
  const { show } = useProblem()
  const empty = { ...options.filter }
  // F is a flat record of text, numbers and arrays: reactive() does not change its shape
  const filter = reactive({ ...options.filter }) as F
  const rows = ref<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const size = ref(options.size ?? 20)
  const sort = ref<string | undefined>()
  const loading = ref(false)
  const current = () => setValues(filter)
  const exportUrl = computed(() => options.exportUrl?.(current(), sort.value) ?? '')
  let asked = 0

  async function load(): Promise<void> {
    loading.value = true
    const mine = ++asked
    try {
      const answer = await options.fetch(current(), page.value - 1, size.value, sort.value)
      // a slower earlier answer must not overwrite a later one
      if (mine !== asked) return
      rows.value = answer.content as typeof rows.value
      total.value = answer.totalElements
    } catch (error) {
      show(error)
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  function search(): void {
    page.value = 1
    void load()
  }

  function reset(): void {
    Object.assign(filter, empty)
    search()
  }

  /** The table's sort-change: the server sorts, from the first page. */
  function sortChange(event: SortEvent): void {
    sort.value = sortParam(event)
    search()
  }

  return { filter, rows, total, page, size, sort, loading, exportUrl, load, search, reset, sortChange }
}
