/** An RFC 9457 problem as the server sends it, with Yingji's field errors. */
export interface FieldMessage {
  field: string
  message: string
  line?: number
  /** the column of an XML file's error (CAP import) */
  column?: number
}

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  instance?: string
  errors?: FieldMessage[]
}

/** Thrown by the API client for every answer that is not 2xx. */
export class ProblemError extends Error {
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.problem = problem
  }

  get status(): number {
    return this.problem.status
  }
}

/** The server's message for each field (the first one when a field has several), for form items. */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const result: Record<string, string> = {}
  for (const error of problem?.errors ?? []) {
    if (error.line === undefined && !(error.field in result)) {
      result[error.field] = error.message
    }
  }
  return result
}

/** Turns any answer body into a problem, even when a proxy answered with HTML. */
export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'status' in body) {
    return body as Problem
  }
  return { status, title: `HTTP ${status}` }
}
