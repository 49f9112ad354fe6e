import { expect, it } from 'vitest'
import { budgetsFor, kB, measure } from '../src/size'

/**
 * One test per size budget of a scenario: what Volley adds to a browser bundle stays within its limit.
 *
 * @example
 * sizeBudgets('react', () => folder)
 * @param scenario - the scenario whose budgets to check
 * @param folder - its installed folder, once `beforeAll` made it
 */
export function sizeBudgets(scenario: string, folder: () => string): void {
  it.each(budgetsFor(scenario))('size budget: $name', async (budget) => {
    const { added, baseline, total } = await measure(folder(), budget)
    console.log(
      `[size] ${budget.name}: +${kB(added)} (${added} B) gzip (${kB(baseline)} → ${kB(total)}), budget ${kB(budget.limit)}`,
    )
    expect(added).toBeLessThanOrEqual(budget.limit)
  })
}
