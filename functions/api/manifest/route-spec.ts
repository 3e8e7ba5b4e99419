import type { ErrorCode } from '../../../shared/errors.js'
import type { EAGER_REQUESTS } from './eager-requests.js'
import type { ON_DEMAND_REQUESTS } from './on-demand-requests.js'
import type { RESPONSES } from './responses.js'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
/**
 * What a request carries: JSON (≤ 64 KiB), NDJSON lines (≤ 5 MiB), an HTML form's fields
 * (urlencoded or multipart, ≤ 8 KiB: a mail link's button, RFC 8058's one-click POST), or nothing.
 */
export type BodyKind = 'json' | 'ndjson' | 'form' | 'none'
/**
 * Who may call: anyone (a session is read if sent); a signed-in reader of the site; the admin key or
 * a session of one of the site's moderators; the admin key only.
 */
export type Access = 'public' | 'session' | 'moderator' | 'admin'
/** Loaded with the app (what a reader's page needs), or on the first request to any such route. */
export type Chunk = 'eager' | 'on-demand'
/** How CloudFront treats the path: cached as the origin allows, long-cached asset, or streamed download. */
export type Edge = 'public-read' | 'asset' | 'download'

export type ResponseName = keyof typeof RESPONSES
export type EagerRequestName = keyof typeof EAGER_REQUESTS
export type OnDemandRequestName = keyof typeof ON_DEMAND_REQUESTS

/** One answer of a route: a JSON body of a named schema, another media type, or no body at all. */
export type ResponseSpec =
  | { json: ResponseName; description?: string }
  | {
      type:
        | 'text/html'
        | 'text/javascript'
        | 'text/csv'
        | 'application/x-ndjson'
        | 'application/json'
        | 'application/atom+xml'
      /** For NDJSON: the schema of each line. */
      schema?: ResponseName
      description: string
    }
  | { description: string }

interface RequestSpec<Name> {
  query?: Name
  json?: Name
  /** The fields of a `form` body. */
  form?: Name
  /** The schema of each NDJSON line: documented, parsed line by line by the domain. */
  ndjson?: Name
  /** Optional headers, each validated when sent (pointer `#/headers/<lower-case name>`). */
  headers?: Readonly<Record<string, Name>>
  /** The JSON body is only documented here: the domain parses it, as it checks more than the schema. */
  jsonParsedByDomain?: true
}

interface BaseRoute {
  method: Method
  /** Hono's syntax: `:param` for a path segment. */
  path: string
  summary: string
  body: BodyKind
  access: Access
  edge?: Edge
  /** Successful answers (and 3xx) by status. */
  responses: Readonly<Record<number, ResponseSpec>>
  /**
   * Problems this route's own logic may answer, beyond those that follow from the rest of its entry
   * (site, session, credentials, body, schemas, store): see `route-problems.ts`.
   */
  problems?: readonly ErrorCode[]
  /** In the sign-in popup: failures are answered as pages a person can read, with the problem's status. */
  failuresAsPages?: true
  /** A page for people, not part of the API document. */
  page?: true
}

export type RouteSpec =
  | (BaseRoute & { chunk: 'eager'; request?: RequestSpec<EagerRequestName> })
  | (BaseRoute & { chunk: 'on-demand'; request?: RequestSpec<OnDemandRequestName> })
