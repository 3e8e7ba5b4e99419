/** A failure to explain to the user in one line, without a stack trace; the CLI exits with 1. */
export class CliError extends Error {
  override name = 'CliError'
}
