import { parseCommand, USAGE } from './args.js'
import type { CliContext } from './cli-context.js'
import { CliError } from './cli-error.js'
import { exportCommand } from './export-command.js'
import { ExportFileError } from './import/xml-stream.js'
import { importCommand } from './import-command.js'
import { snapshotCommand } from './snapshot-command.js'

/** Runs one command line; returns the exit status. Problems the user can fix are one line, no stack. */
export async function main(argv: string[], context: CliContext): Promise<number> {
  try {
    const command = parseCommand(argv)
    if (command.name === 'help') {
      context.stdout.write(`${USAGE}\n`)
      return 0
    }
    if (command.name === 'export') return await exportCommand(command, context)
    if (command.name === 'snapshot') return await snapshotCommand(command, context)
    return await importCommand(command, context)
  } catch (error) {
    if (error instanceof CliError || error instanceof ExportFileError) {
      context.stderr.write(`parley: ${error.message}\n`)
      return 1
    }
    context.stderr.write(`parley: unexpected failure (please report it): ${(error as Error).stack}\n`)
    return 1
  }
}
