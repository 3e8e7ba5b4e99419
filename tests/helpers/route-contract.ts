import type * as z from 'zod/mini'
import { RESPONSES } from '../../functions/api/manifest/responses.js'
import { ROUTES, type RouteId, type Routes } from '../../functions/api/manifest/route-manifest.js'
import { answeredAsPage, routeProblems } from '../../functions/api/manifest/route-problems.js'
import type { ResponseName, RouteSpec } from '../../functions/api/manifest/route-spec.js'

type Responses = typeof RESPONSES
/** The body a route answers with a status, as its manifest entry's schema infers it. */
export type BodyOf<K extends RouteId, S extends number> = Routes[K]['responses'] extends infer R
  ? S extends keyof R
    ? R[S] extends { json: infer N extends ResponseName }
      ? z.output<Responses[N]>
      : R[S] extends { type: 'application/json'; schema: infer N extends ResponseName }
        ? z.output<Responses[N]>
        : never
    : never
  : never
export type Problem = z.output<Responses['Problem']>

const compiled = (Object.entries(ROUTES) as [RouteId, RouteSpec][]).map(([id, route]) => ({
  id,
  route,
  pattern: new RegExp(`^${route.path.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`),
}))

/** The manifest route a request reaches, if any (HEAD reaches the GET route). */
export function routeOf(method: string, url: string) {
  const { pathname } = new URL(url, 'http://localhost')
  const wanted = method === 'HEAD' ? 'GET' : method
  return compiled.find((r) => r.route.method === wanted && r.pattern.test(pathname))
}

const issues = (error: z.core.$ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')

/**
 * Checks one answer against what the manifest documents for its route and status: the status is
 * documented, the media type is the documented one, and a JSON body (or each NDJSON line) matches
 * its schema; a problem carries one of the codes the route can answer with that status.
 * @returns what is wrong, or undefined when the answer is as documented
 */
export async function contractDrift(method: string, url: string, res: Response): Promise<string | undefined> {
  const found = routeOf(method, url)
  if (!found) return undefined
  const { id, route } = found
  const where = `${method} ${new URL(url, 'http://localhost').pathname} (${id}) answered ${res.status}`
  const type = res.headers.get('content-type') ?? ''
  const spec = route.responses[res.status]
  const text = method === 'HEAD' ? '' : await res.clone().text()
  const parse = (schema: z.ZodMiniType, body: string) => {
    const r = schema.safeParse(JSON.parse(body))
    return r.success ? undefined : `${where}: body drifts from its schema: ${issues(r.error)}`
  }
  if (spec) {
    if ('json' in spec) {
      if (!type.startsWith('application/json')) return `${where} as ${type}, documented application/json`
      return method === 'HEAD' ? undefined : parse(RESPONSES[spec.json], text)
    }
    if ('type' in spec) {
      if (!type.startsWith(spec.type)) return `${where} as ${type}, documented ${spec.type}`
      if (spec.schema === undefined || method === 'HEAD') return undefined
      const schema = RESPONSES[spec.schema]
      const bodies = spec.type === 'application/x-ndjson' ? text.split('\n').filter((l) => l !== '') : [text]
      for (const body of bodies) {
        const drift = parse(schema, body)
        if (drift) return drift
      }
      return undefined
    }
    return text === '' ? undefined : `${where} with a body, documented without one`
  }
  const codes = routeProblems(route).get(res.status)
  if (!codes) return `${where}: a status its manifest entry does not document`
  if (answeredAsPage(route, codes))
    return type.startsWith('text/html') ? undefined : `${where} as ${type}, not a page`
  if (!type.startsWith('application/problem+json')) return `${where} as ${type}, not a problem`
  const drift = parse(RESPONSES.Problem, text)
  if (drift) return drift
  const { code, status } = JSON.parse(text) as Problem
  if (status !== res.status) return `${where} with a problem of status ${status}`
  return codes.includes(code as (typeof codes)[number])
    ? undefined
    : `${where} with code ${code}, documented: ${codes.join(', ')}`
}

/**
 * Reads the JSON body of an answer the test expects to be `status` of route `id`, parsed by the
 * schema the manifest names for it: typed, and failing the test on another status or a drift.
 */
export async function bodyOf<K extends RouteId, S extends keyof Routes[K]['responses'] & number>(
  res: Response,
  id: K,
  status: S,
): Promise<BodyOf<K, S>> {
  return bodyOfText(id, status, res.status, await res.text())
}

function bodyOfText<K extends RouteId, S extends number>(id: K, status: S, answered: number, text: string) {
  if (answered !== status) throw new Error(`expected ${id} to answer ${status}, got ${answered}: ${text}`)
  const spec = (ROUTES[id] as RouteSpec).responses[status]
  const name = spec && ('json' in spec ? spec.json : 'schema' in spec ? spec.schema : undefined)
  if (name === undefined) throw new Error(`${id} documents no JSON body for ${status}`)
  // The body as answered (not the parse's output, which would fill in defaults), once it matches.
  const body: unknown = JSON.parse(text)
  RESPONSES[name].parse(body)
  return body as BodyOf<K, S>
}

/** Reads a problem answer (of `status`, when given): typed, failing the test on anything else. */
export async function problemOf(res: Response, status?: number): Promise<Problem> {
  const text = await res.text()
  if (res.status < 400 || (status !== undefined && res.status !== status))
    throw new Error(`expected a ${status ?? '4xx/5xx'} problem, got ${res.status}: ${text}`)
  return RESPONSES.Problem.parse(JSON.parse(text))
}

/**
 * A route's answer, read the way the test expects it: `body` when it answered `status` (typed by
 * the route's schema), `problem` when it did not. Reading the other one fails the test, saying what
 * came instead.
 */
export async function answerOf<K extends RouteId, S extends keyof Routes[K]['responses'] & number>(
  res: Response,
  id: K,
  status: S,
) {
  const text = await res.text()
  const json = () => (text === '' ? undefined : JSON.parse(text))
  return {
    res,
    get body(): BodyOf<K, S> {
      return bodyOfText(id, status, res.status, text)
    },
    get problem(): Problem {
      if (res.status < 400) throw new Error(`expected ${id} to answer a problem, got ${res.status}: ${text}`)
      return RESPONSES.Problem.parse(json())
    },
  }
}
