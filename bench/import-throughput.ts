/**
 * How fast `parley import` converts, and in how much memory: 100,000-comment synthetic WordPress and
 * Disqus exports (tests/cli/synthetic-export.ts), each converted by `parley import … --dry-run` in a
 * child process (both reads: the checking one and the converting one, and the NDJSON written out).
 * Figures: comments/s of wall time and of CPU time (a shared machine moves the first), and the
 * child's peak resident set.
 *
 * Budget: the WordPress conversion also completes in a 64 MB V8 heap, far less than the comments
 * would take if held at once: memory is bounded by one post, not by the export.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { main } from '../functions/cli/main.js'
import { writeSyntheticDisqus, writeSyntheticWxr } from '../tests/cli/synthetic-export.js'
import { type BenchResult, runIfMain, verdict, withTempDir } from './bench-kit.js'

const COMMENTS = 100_000
const SELF = fileURLToPath(import.meta.url)

interface Run {
  lines: number
  wallMs: number
  cpuMs: number
  peakRssMb: number
}

/** Child side: one dry-run conversion, its output counted and dropped; prints a {@link Run}. */
async function child(kind: string, file: string): Promise<void> {
  let lines = 0
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const byte of chunk) if (byte === 10) lines++
      done()
    },
  })
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() })
  const started = performance.now()
  const status = await main(['import', kind, file, '--dry-run'], {
    env: {},
    stdin: process.stdin,
    stdout: sink,
    stderr: quiet,
  })
  if (status !== 0) throw new Error(`parley import ${kind} exited ${status}`)
  const cpu = process.cpuUsage()
  const run: Run = {
    lines,
    wallMs: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }
  process.stdout.write(JSON.stringify(run))
}

async function measure(kind: string, file: string, nodeArgs: string[] = []): Promise<Run> {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SELF, '--child', kind, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  proc.stdout.on('data', (chunk) => (out += chunk))
  const [code] = await once(proc, 'exit')
  if (code !== 0) throw new Error(`conversion of ${file} failed (exit ${code}, ${nodeArgs.join(' ')})`)
  return JSON.parse(out) as Run
}

const perSecond = (lines: number, ms: number) => Math.round(lines / (ms / 1000))

export async function importThroughput(): Promise<BenchResult> {
  return withTempDir(async (dir) => {
    const wxr = join(dir, 'wordpress.xml')
    const dsq = join(dir, 'disqus.xml')
    await writeSyntheticWxr(wxr, COMMENTS)
    await writeSyntheticDisqus(dsq, COMMENTS)
    const mb = async (file: string) => Math.round((await stat(file)).size / 1e6)
    console.log(
      `== import-throughput: ${COMMENTS} comments; WXR ${await mb(wxr)} MB, Disqus ${await mb(dsq)} MB ==`,
    )

    const runs: [string, Run][] = []
    for (const [label, kind, file, args] of [
      ['wordpress', 'wordpress', wxr, []],
      ['wordpress, 64 MB heap', 'wordpress', wxr, ['--max-old-space-size=64']],
      ['disqus', 'disqus', dsq, []],
    ] as const) {
      const run = await measure(kind, file, [...args])
      runs.push([label, run])
      console.log(
        `${label}: ${run.lines} lines, ${perSecond(run.lines, run.wallMs)} comments/s (wall), ` +
          `${perSecond(run.lines, run.cpuMs)} comments/s (CPU), peak RSS ${Math.round(run.peakRssMb)} MB`,
      )
    }
    const pass = runs.every(([, run]) => run.lines === COMMENTS)
    const figure = (label: string) => {
      const run = runs.find(([l]) => l === label)?.[1]
      return run
        ? `${label} ${perSecond(run.lines, run.wallMs)}/s (CPU ${perSecond(run.lines, run.cpuMs)}/s), ${Math.round(run.peakRssMb)} MB RSS`
        : ''
    }
    console.log(verdict(pass))
    return {
      name: 'import-throughput',
      figures: ['wordpress', 'wordpress, 64 MB heap', 'disqus'].map(figure).join('; '),
      budget: `all ${COMMENTS} convert, WXR in a 64 MB heap`,
      pass,
    }
  })
}

if (process.argv[2] === '--child') await child(process.argv[3] ?? '', process.argv[4] ?? '')
else runIfMain(import.meta.url, importThroughput)
