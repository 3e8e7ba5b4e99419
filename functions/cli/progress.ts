import type { Writable } from 'node:stream'

export type Output = Writable & { isTTY?: boolean }

export interface ImportTotals {
  /** Lines sent and acknowledged, this run and earlier ones together. */
  sent: number
  imported: number
  /** Lines the server already had (an earlier run, or the same source id twice). */
  skipped: number
  errors: number
}

/**
 * Progress on stderr: one line redrawn in place on a terminal, one line per batch otherwise (CI logs,
 * files). Messages printed meanwhile go above the progress line.
 */
export class Progress {
  private drawn = false

  constructor(
    private readonly out: Output,
    private readonly total: number,
  ) {}

  update(totals: ImportTotals): void {
    const percent = this.total > 0 ? ` (${Math.floor((totals.sent / this.total) * 100)}%)` : ''
    const text = `${totals.sent}/${this.total} lines sent${percent} · ${totals.imported} imported · ${totals.skipped} skipped · ${totals.errors} errors`
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${text}`)
      this.drawn = true
    } else this.out.write(`${text}\n`)
  }

  log(message: string): void {
    this.clear()
    this.out.write(`${message}\n`)
  }

  /** Leaves the last progress line on screen and moves below it. */
  end(): void {
    if (this.drawn) this.out.write('\n')
    this.drawn = false
  }

  private clear(): void {
    if (this.drawn) this.out.write('\r\x1b[2K')
  }
}
