/**
 * The parts of a list page that do not need Vue: the server's sort parameter from a table's
 * sort event, and the query of a page, so every list asks the server the same way.
 */

/** What Element Plus's table reports when a sortable column's header is clicked. */
export interface SortEvent {
  prop: string | null
  order: 'ascending' | 'descending' | null
}

/** The server's `sort` parameter (`name,asc`, `name,desc`), or undefined for the list's default order. */
export function sortParam(event: SortEvent): string | undefined {
  if (!event.prop || !event.order) return undefined
  return `${event.prop},${event.order === 'ascending' ? 'asc' : 'desc'}`
}

/** The other way round: the table's default-sort for a `sort` parameter (e.g. from the address bar). */
export function sortEvent(sort: string | undefined): SortEvent {
  if (!sort) return { prop: null, order: null }
  const [prop, direction] = sort.split(',')
  return { prop, order: direction === 'desc' ? 'descending' : 'ascending' }
}

/** The filter's set values only: empty text and unset selects are left out of the request. */
export function setValues<F extends object>(filter: F): Partial<F> {
  const result: Partial<F> = {}
  for (const [key, value] of Object.entries(filter) as [keyof F, F[keyof F]][]) {
    if (value !== '' && value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      result[key] = value
    }
  }
  return result
}
