/**
 * `npm run bench`: runs every benchmark in sequence, prints a summary table, and exits non-zero if any
 * budget fails (or a benchmark throws). Budgets live in the benchmarks, not in the tests; each is a
 * ratio or a count measured within one run, so a noisy shared machine moves both sides alike.
 */
import type { BenchResult } from './bench-kit.js'
import { verdict } from './bench-kit.js'
import { coldStart } from './cold-start.js'
import { cost } from './cost.js'
import { embedSize } from './embed-size.js'
import { firstRequest } from './first-request.js'
import { firstView } from './first-view.js'
import { importThroughput } from './import-throughput.js'
import { notifications } from './notifications.js'
import { racingVotes } from './racing-votes.js'
import { requestsPerOperation } from './requests-per-operation.js'
import { warmList } from './warm-list.js'

const benchmarks: [string, () => Promise<BenchResult>][] = [
  ['cold-start', coldStart],
  ['first-request', firstRequest],
  ['warm-list', warmList],
  ['requests-per-operation', requestsPerOperation],
  ['racing-votes', racingVotes],
  ['cost', cost],
  ['embed-size', embedSize],
  ['first-view', firstView],
  ['import-throughput', importThroughput],
  ['notifications', notifications],
]

const results: BenchResult[] = []
for (const [name, bench] of benchmarks) {
  try {
    results.push(await bench())
  } catch (error) {
    console.error(`${name} failed:`, error)
    results.push({
      name,
      figures: `error: ${(error as Error).message.split('\n')[0]}`,
      budget: '-',
      pass: false,
    })
  }
  console.log()
}

const header = ['benchmark', 'result', 'budget', 'figures']
const rows = results.map((r) => [r.name, verdict(r.pass), r.budget, r.figures])
const widths = header
  .slice(0, -1)
  .map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)))
const line = (cells: string[]) =>
  cells.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell)).join(' | ')
console.log('== summary ==')
console.log(line(header))
console.log(line(widths.map((w) => '-'.repeat(w)).concat('-------')))
for (const row of rows) console.log(line(row))

const failed = results.filter((r) => r.pass === false)
console.log(failed.length === 0 ? '\nAll budgets met.' : `\n${failed.length} benchmark(s) over budget.`)
process.exitCode = failed.length === 0 ? 0 : 1
