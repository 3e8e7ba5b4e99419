import { ROUTES } from './manifest/route-manifest.js'
import { routeProblems } from './manifest/route-problems.js'
import type { RouteSpec } from './manifest/route-spec.js'
import { COMPONENTS, jsonSchema, parameters, problem, requestBody, success } from './openapi-parts.js'

const bearer = [{ bearer: [] }]
/** Public site routes read a session when one is sent (a signed-in comment), and need none. */
const SECURITY = { public: undefined, session: bearer, moderator: bearer, admin: bearer } as const
const WHO = {
  public: '',
  session: ' (a signed-in reader)',
  moderator: ' (the admin key, or a session of one of the site moderators)',
  admin: ' (the admin key)',
} as const

function operation(route: RouteSpec) {
  const body = requestBody(route)
  const params = parameters(route)
  const optionalSession = route.access === 'public' && route.path.startsWith('/v1/sites/')
  const security = optionalSession ? [{}, ...bearer] : SECURITY[route.access]
  return {
    summary: route.summary + WHO[route.access],
    ...(security && { security }),
    ...(params.length > 0 && { parameters: params }),
    ...(body && { requestBody: body }),
    responses: {
      ...Object.fromEntries(Object.entries(route.responses).map(([status, spec]) => [status, success(spec)])),
      ...Object.fromEntries(
        [...routeProblems(route)].map(([status, codes]) => [String(status), problem(route, status, codes)]),
      ),
    },
  }
}

/** The OpenAPI 3.1 document of the API, generated from the route manifest and the schemas it names. */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, object>> = {}
  for (const route of Object.values(ROUTES as Record<string, RouteSpec>)) {
    if (route.page) continue
    const path = route.path.replace(/:(\w+)/g, '{$1}')
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Parley', version: '1', description: 'Comments and feedback for any blog.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        SiteConfig: jsonSchema(COMPONENTS.SiteConfig, 'input'),
        Problem: jsonSchema(COMPONENTS.Problem, 'output'),
      },
    },
    paths,
  }
}
