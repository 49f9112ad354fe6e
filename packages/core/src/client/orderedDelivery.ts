import { exceedsDepth } from '../depth'
import type { Schema } from '../types'
import { validate, type ValidateResult } from '../validate'
import { VolleyError } from '../VolleyError'

/** How a client checks what the server sends, and where it reports what it refused. @internal */
export interface DeliveryConfig {
  readonly validate: boolean
  readonly maxDepth: number
  /** Logs a refused value or a failed handler; must not throw. */
  readonly report: (error: VolleyError) => void
}

/**
 * Delivers what a server stream sends (a subscription's items, a presence topic's changes) in the order it
 * arrived, even when some of it waits for an asynchronous schema: a step runs now when nothing waits, else
 * after the steps before it. Also checks one value against its schema the way every delivery does
 * (skipped when the client does not validate, too deep refused, a throwing schema reported). @internal
 */
export class OrderedDelivery {
  #chain: Promise<void> | undefined

  /**
   * @param config - validation settings and the reporter
   * @param label - what is delivered, for messages: `subscription "room:messages"`
   */
  constructor(
    private readonly config: DeliveryConfig,
    private readonly label: string,
  ) {}

  /** Runs a step after the ones already waiting, or now when none waits; a failure is reported. */
  run(step: () => void | Promise<void>): void {
    const result = this.#chain === undefined ? step() : this.#chain.then(step)
    if (!(result instanceof Promise)) return
    const chain: Promise<void> = result
      .catch((error: unknown) =>
        this.config.report(
          new VolleyError('HANDLER_ERROR', `Delivering ${this.label} failed.`, { cause: error }),
        ),
      )
      .finally(() => {
        if (this.#chain === chain) this.#chain = undefined
      })
    this.#chain = chain
  }

  /** Checks a value against a schema; `what` names it in messages (`item`, `meta`). */
  check(
    schema: Schema,
    value: unknown,
    what: string,
  ): ValidateResult<unknown> | Promise<ValidateResult<unknown>> {
    if (!this.config.validate) return { ok: true, value }
    if (exceedsDepth(value, this.config.maxDepth)) {
      return { ok: false, issues: [{ message: `nests deeper than ${this.config.maxDepth} levels` }] }
    }
    try {
      return validate(schema, value)
    } catch (error) {
      this.config.report(
        new VolleyError('HANDLER_ERROR', `The ${what} schema of ${this.label} threw.`, { cause: error }),
      )
      return { ok: false, issues: [{ message: 'the schema threw' }] }
    }
  }
}
