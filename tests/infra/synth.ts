import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Template } from 'aws-cdk-lib/assertions'
import { type BuildAppOptions, buildApp } from '../../infra/build-app.js'

/** The context `cdk synth` gets from cdk.json (feature flags included), so tests synthesize the same app. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context

/** Context that turns every optional part on. */
export const ALL_OPTIONS = {
  region: 'us-east-1',
  adminEmail: 'ops@blog.example',
  domainName: 'comments.blog.example',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0d6f5c1e-1111-2222-3333-444455556666',
  wafRateLimit: 500,
  reservedConcurrency: 20,
  mailFrom: 'comments@blog.example',
}

export type Synth = Awaited<ReturnType<typeof synthesize>>

/**
 * Synthesizes the app into a fresh temp dir (never the repo's cdk.out), as the CLI would with the
 * given context, and no CDK_DEFAULT_* from the developer's environment.
 */
export async function synthesize(options: Omit<BuildAppOptions, 'outdir' | 'env'> = {}) {
  const outdir = await mkdtemp(join(tmpdir(), 'parley-cdk-'))
  const built = buildApp({
    ...options,
    outdir,
    env: {},
    context: { ...CDK_JSON_CONTEXT, ...options.context },
  })
  const started = performance.now()
  const assembly = built.app.synth()
  const ms = performance.now() - started
  const json = assembly.getStackByName(built.stack.stackName).template as CfnTemplate
  return {
    ...built,
    outdir,
    ms,
    json,
    template: Template.fromJSON(json),
    cleanup: () => rm(outdir, { recursive: true, force: true }),
  }
}

export interface CfnResource {
  Type: string
  Properties?: Record<string, any>
  DeletionPolicy?: string
  UpdateReplacePolicy?: string
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>
  Outputs?: Record<string, { Value: unknown }>
}

/** The one resource of a type (fails the test when there are none or several). */
export function only(json: CfnTemplate, type: string): [string, CfnResource] {
  const found = Object.entries(json.Resources).filter(([, r]) => r.Type === type)
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`)
  return found[0] as [string, CfnResource]
}

export const all = (json: CfnTemplate, type: string) =>
  Object.entries(json.Resources).filter(([, r]) => r.Type === type)

/** The API's function with this handler (`index.handler`: the API; `index.streamHandler`: downloads): the ones given the edge token. */
export function lambdaFunction(json: CfnTemplate, handler = 'index.handler'): [string, CfnResource] {
  const found = all(json, 'AWS::Lambda::Function').filter(
    ([, r]) => r.Properties?.Handler === handler && r.Properties?.Environment?.Variables?.EDGE_TOKEN,
  )
  if (found.length !== 1)
    throw new Error(`expected one function with handler ${handler}, found ${found.length}`)
  return found[0] as [string, CfnResource]
}

/** The notifier: the one function that knows the webhook queue. */
export function notifierFunction(json: CfnTemplate): [string, CfnResource] {
  const found = all(json, 'AWS::Lambda::Function').filter(
    ([, r]) => r.Properties?.Environment?.Variables?.WEBHOOK_QUEUE_URL,
  )
  if (found.length !== 1) throw new Error(`expected one notifier function, found ${found.length}`)
  return found[0] as [string, CfnResource]
}

/** The bundled code of a function in the synth output: `<outdir>/asset.<hash>/index.mjs` (the API's unless given). */
export async function bundledHandler(synth: Synth, [, fn] = lambdaFunction(synth.json)): Promise<string> {
  const key: string = fn.Properties?.Code?.S3Key
  const manifest = JSON.parse(
    await readFile(join(synth.outdir, `${synth.stack.stackName}.assets.json`), 'utf8'),
  )
  for (const file of Object.values<any>(manifest.files)) {
    const keys = Object.values<any>(file.destinations).map((d) => d.objectKey)
    if (keys.includes(key)) return join(synth.outdir, file.source.path, 'index.mjs')
  }
  throw new Error(`no asset for ${key}`)
}
