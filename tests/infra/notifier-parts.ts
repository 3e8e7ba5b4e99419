import { expect } from 'vitest'
import { all, type CfnResource, notifierFunction, only, type Synth } from './synth.js'

/** Reading the notifier's parts out of a synthesized template (notifier-*.test.ts). */

export const idOf = (synth: Synth, type: string) => only(synth.json, type)[0]
export const notifierProps = (synth: Synth) => notifierFunction(synth.json)[1].Properties ?? {}
export const notifierArn = (synth: Synth) => ({ 'Fn::GetAtt': [notifierFunction(synth.json)[0], 'Arn'] })
export const queues = (synth: Synth) => all(synth.json, 'AWS::SQS::Queue')
/** The queue of this logical-id fragment (Failures, Webhooks, WebhookDeadLetters). */
export const queue = (synth: Synth, name: string): [string, CfnResource] => {
  const found = queues(synth).filter(([id]) => new RegExp(`Queues${name}[0-9A-F]{8}$`).test(id))
  expect(found).toHaveLength(1)
  return found[0] as [string, CfnResource]
}
export const queueArn = (synth: Synth, name: string) => ({ 'Fn::GetAtt': [queue(synth, name)[0], 'Arn'] })
export const mappings = (synth: Synth) =>
  all(synth.json, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties ?? {})
/** Every statement of the policies attached to the notifier's role. */
export const roleStatements = (synth: Synth) => {
  const role = notifierProps(synth).Role['Fn::GetAtt'][0]
  return all(synth.json, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties?.Roles.some((r: any) => r.Ref === role))
    .flatMap(([, p]) => p.Properties?.PolicyDocument.Statement as any[])
}
export const list = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x])
export const rules = (synth: Synth) =>
  all(synth.json, 'AWS::Events::Rule').map(([id, r]) => [id, r.Properties ?? {}] as const)
