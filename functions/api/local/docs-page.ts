type Json = Record<string, unknown>

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch)
}

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const record = (value: unknown): Json => (isRecord(value) ? value : {})
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const text = (value: unknown): string => (typeof value === 'string' ? value : '')

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const
const CONSTRAINTS = [
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'pattern',
  'default',
] as const

/** Follows a local `$ref` (`#/components/…`) once; anything else is returned as is. */
function resolve(doc: Json, value: unknown): unknown {
  const ref = isRecord(value) ? text(value.$ref) : ''
  if (!ref.startsWith('#/')) return value
  let node: unknown = doc
  for (const part of ref.slice(2).split('/')) {
    node = isRecord(node) ? node[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined
  }
  return node ?? value
}

/** A one-line summary of a JSON Schema: its type and constraints, e.g. `string, maxLength: 128`. */
function describeSchema(schema: unknown): string {
  if (!isRecord(schema)) return 'any'
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? schema.$ref
  const alternatives = list(schema.anyOf ?? schema.oneOf)
  if (alternatives.length > 0) return alternatives.map(describeSchema).join(' | ')
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : text(schema.type) || 'any'
  const parts = [type === 'array' ? `array of ${describeSchema(schema.items)}` : type]
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`)
  for (const key of CONSTRAINTS) {
    const value = schema[key]
    if (value !== undefined)
      parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
  }
  return parts.join(', ')
}

function parametersTable(doc: Json, parameters: unknown[]): string {
  if (parameters.length === 0) return ''
  const rows = parameters.map((raw) => {
    const p = record(resolve(doc, raw))
    return `<tr><td><code>${escapeHtml(text(p.name))}</code></td><td>${escapeHtml(text(p.in))}</td><td>${
      p.required === true ? 'yes' : 'no'
    }</td><td>${escapeHtml(describeSchema(resolve(doc, p.schema)))}</td></tr>`
  })
  return `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Schema</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function requestBody(doc: Json, raw: unknown): string {
  if (raw === undefined) return ''
  const body = record(resolve(doc, raw))
  const media = Object.entries(record(body.content)).map(
    ([type, content]) =>
      `<p><code>${escapeHtml(type)}</code>${body.required === true ? ' (required)' : ''}</p><pre>${escapeHtml(
        JSON.stringify(record(content).schema ?? {}, null, 2),
      )}</pre>`,
  )
  return `<h4>Request body</h4>${media.join('')}`
}

function responsesTable(doc: Json, responses: unknown): string {
  const rows = Object.entries(record(responses)).map(
    ([code, raw]) =>
      `<tr><td><code>${escapeHtml(code)}</code></td><td>${escapeHtml(text(record(resolve(doc, raw)).description))}</td></tr>`,
  )
  if (rows.length === 0) return ''
  return `<h4>Responses</h4><table><thead><tr><th>Status</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

const anchor = (method: string, path: string) => `op-${method}${path.replace(/[^A-Za-z0-9]+/g, '-')}`

const STYLE = `:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d8dee4;--soft:#f6f8fa;--a:#0b5cad}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9aa4ae;--bg:#0d1117;--line:#30363d;--soft:#161b22;--a:#6cb0ff}}
body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:56rem;margin:0 auto;padding:2rem 1.25rem 4rem}a{color:var(--a)}.muted{color:var(--muted)}
section{border-top:1px solid var(--line);padding:1rem 0}h2{font-size:1.15rem;margin:.25rem 0}h4{margin:1rem 0 .4rem}
.m{display:inline-block;min-width:4.2em;padding:.1em .4em;border-radius:4px;font:600 .8rem ui-monospace,monospace;
text-align:center;color:#fff;background:#6e7781;margin-right:.5em;text-transform:uppercase}
.m-get{background:#1a7f37}.m-post{background:#0969da}.m-put,.m-patch{background:#9a6700}.m-delete{background:#cf222e}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.875rem}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.75rem;overflow:auto;max-height:24rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid var(--line);padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:var(--soft)}nav ul{columns:2;padding-left:1.2rem;font-size:.9rem}`

/** `/docs` in local mode: a self-contained, readable rendering of an OpenAPI 3.1 document. */
export function docsPage(document: unknown): string {
  const doc = record(document)
  const info = record(doc.info)
  const title = text(info.title) || 'API'
  const operations = Object.entries(record(doc.paths)).flatMap(([path, rawItem]) => {
    const item = record(rawItem)
    return METHODS.filter((m) => isRecord(item[m])).map((method) => ({
      path,
      method,
      item,
      op: record(item[method]),
    }))
  })
  const nav = operations.map(
    ({ path, method }) =>
      `<li><a href="#${anchor(method, path)}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></a></li>`,
  )
  const sections = operations.map(({ path, method, item, op }) => {
    const security = list(op.security ?? doc.security).flatMap((s) => Object.keys(record(s)))
    return `<section id="${anchor(method, path)}">
<h2><span class="m m-${method}">${method}</span><code>${escapeHtml(path)}</code></h2>
${op.summary === undefined ? '' : `<p>${escapeHtml(text(op.summary))}</p>`}
${op.description === undefined ? '' : `<p class="muted">${escapeHtml(text(op.description))}</p>`}
${security.length > 0 ? `<p class="muted">Requires: ${escapeHtml(security.join(', '))}</p>` : ''}
${parametersTable(doc, [...list(item.parameters), ...list(op.parameters)])}
${requestBody(doc, op.requestBody)}
${responsesTable(doc, op.responses)}
</section>`
  })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} API reference</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)} API reference</h1>
<p class="muted">Version ${escapeHtml(text(info.version) || '?')} · OpenAPI ${escapeHtml(text(doc.openapi) || '?')} ·
<a href="/v1/openapi.json">/v1/openapi.json</a></p>
${info.description === undefined ? '' : `<p>${escapeHtml(text(info.description))}</p>`}
<nav aria-label="Operations"><ul>${nav.join('')}</ul></nav>
${sections.join('\n')}
</main>
</body>
</html>
`
}
