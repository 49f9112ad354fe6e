// Sums the JSON reports in .reports/ (vitest and Playwright) and prints `N passed, N failed, N skipped`
// as the last line. A step that failed without a report (lint, type check, a crashed runner) counts as a failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(import.meta.dirname, '..', '.reports')
let passed = 0
let failed = 0
let skipped = 0
const lines = []

for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
  if (!file.endsWith('.json')) continue
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'))
  if (report.stats && 'expected' in report.stats) {
    // Playwright: flaky tests passed on retry.
    const p = report.stats.expected + report.stats.flaky
    passed += p
    failed += report.stats.unexpected
    skipped += report.stats.skipped
    lines.push(`${file}: ${p} passed, ${report.stats.unexpected} failed, ${report.stats.skipped} skipped`)
  } else if ('numPassedTests' in report) {
    // Vitest (jest-compatible JSON).
    const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += s
    lines.push(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${s} skipped`)
    if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) {
      failed += report.numFailedTestSuites
      lines.push(`${file}: ${report.numFailedTestSuites} test files failed to run`)
    }
  }
}

const failedSteps = existsSync(join(dir, 'failed-steps.txt'))
  ? readFileSync(join(dir, 'failed-steps.txt'), 'utf8').split('\n').filter(Boolean)
  : []
// Steps whose failures their own report already counts.
const reports = { 'unit and integration tests': 'vitest.json', 'consumer tests': 'consumer.json' }
for (const step of failedSteps) {
  const hasReport = (step in reports && existsSync(join(dir, reports[step]))) || step === 'browser tests'
  if (!hasReport) {
    failed += 1
    lines.push(`step failed: ${step}`)
  }
}
// Every app with a Playwright config must have written its report; a missing one is a failure.
const appsDir = join(import.meta.dirname, '..', 'apps')
const apps = existsSync(appsDir)
  ? readdirSync(appsDir).filter((app) => existsSync(join(appsDir, app, 'playwright.config.ts')))
  : []
if (failedSteps.includes('browser tests')) {
  for (const app of apps) {
    if (!existsSync(join(dir, `e2e-${app}.json`))) {
      failed += 1
      lines.push(`browser tests of apps/${app} failed before writing a report`)
    }
  }
}

console.log('━━ summary')
for (const line of lines) console.log(`  ${line}`)
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
