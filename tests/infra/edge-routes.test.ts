import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTES } from '../../functions/api/manifest/route-manifest.js'
import type { Edge, RouteSpec } from '../../functions/api/manifest/route-spec.js'
import { only, type Synth, synthesize } from './synth.js'

// CloudFront's behaviours are per kind of path (`edge` in the route manifest), not per route: every
// other route takes the default behaviour. Infra refers to the function by path only, so the
// behaviours are written in the construct and held to the manifest here.
let synth: Synth
beforeAll(async () => {
  synth = await synthesize({ bundle: false, cfnValidation: false })
})
afterAll(() => synth?.cleanup())

const behaviours = () =>
  only(synth.json, 'AWS::CloudFront::Distribution')[1].Properties?.DistributionConfig.CacheBehaviors as {
    PathPattern: string
    CachePolicyId: unknown
    TargetOriginId: string
  }[]
/** The path pattern CloudFront matches a route's path by: each `:param` one `*`. */
const pattern = (path: string) => path.replace(/:\w+/g, '*')
const withEdge = (edge: Edge) =>
  Object.values(ROUTES as Record<string, RouteSpec>)
    .filter((r) => r.edge === edge)
    .map((r) => pattern(r.path))

describe('CloudFront behaviours', () => {
  it('are exactly the paths the manifest gives an edge kind', () => {
    const declared = new Set([...withEdge('asset'), ...withEdge('public-read'), ...withEdge('download')])
    expect(new Set(behaviours().map((b) => b.PathPattern))).toEqual(declared)
  })

  it('treat the paths of one kind alike, and each kind differently', () => {
    const kinds = (['asset', 'public-read', 'download'] as const).map((edge) => {
      const of = behaviours().filter((b) => withEdge(edge).includes(b.PathPattern))
      expect(new Set(of.map((b) => JSON.stringify([b.CachePolicyId, b.TargetOriginId]))).size).toBe(1)
      return JSON.stringify([of[0]?.CachePolicyId, of[0]?.TargetOriginId])
    })
    expect(new Set(kinds).size).toBe(3)
  })
})
