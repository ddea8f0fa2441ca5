import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { fieldErrors, ProblemError, type Problem } from '@/lib/problem'
import { i18n } from '@/locales'

/**
 * Holds the last problem of a form: field messages go next to their fields, the rest to a toast.
 * The messages are the server's, already in the user's language.
 */
export function useProblem() {
  const problem = ref<Problem | undefined>()
  const errors = ref<Record<string, string>>({})

  function clear(): void {
    problem.value = undefined
    errors.value = {}
  }

  function show(error: unknown): void {
    if (error instanceof ProblemError) {
      problem.value = error.problem
      errors.value = fieldErrors(error.problem)
      if (Object.keys(errors.value).length === 0 || (error.problem.errors ?? []).some((e) => e.line !== undefined)) {
        ElMessage.error(error.problem.detail ?? error.problem.title ?? i18n.global.t('error.generic'))
      }
    } else {
      ElMessage.error(i18n.global.t('error.network'))
    }
  }

  return { problem, errors, clear, show }
}
