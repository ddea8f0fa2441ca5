/**
 * Server field errors that go away once the user fixes the field: an error stays shown only while
 * its field still holds the value the server refused.
 */

/** The form field an error is about: `areas[0].polygon` and `addresses[2]` belong to `areas` and `addresses`. */
export function rootField(field: string): string {
  return field.split(/[.[]/)[0]
}

/** Each field's value as text, to tell later whether the user changed it. */
export function snapshot(errors: Record<string, string>, form: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const field of Object.keys(errors)) {
    const root = rootField(field)
    result[root] = JSON.stringify(form[root] ?? null)
  }
  return result
}

/** The errors whose field has not changed since the server refused it. */
export function openErrors(errors: Record<string, string>, refused: Record<string, string>, form: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [field, message] of Object.entries(errors)) {
    const root = rootField(field)
    if (!(root in form) || refused[root] === JSON.stringify(form[root] ?? null)) {
      result[field] = message
    }
  }
  return result
}
