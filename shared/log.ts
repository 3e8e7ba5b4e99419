/** One JSON object a line, as CloudWatch Logs Insights reads them. Never pass e-mails, IPs or secrets. */
export type Logger = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void

const describe = (value: unknown): unknown =>
  value instanceof Error
    ? { name: value.name, message: value.message, stack: value.stack, cause: describe(value.cause) }
    : value

export const jsonLogger: Logger = (level, message, fields = {}) => {
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message,
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, describe(v)])),
  })
  if (level === 'error') console.error(line)
  else console.log(line)
}
