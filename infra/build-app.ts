import { App, Validations } from 'aws-cdk-lib'
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag'
import { readStageConfig } from './config.js'
import { ParleyStack } from './parley-stack.js'

export interface BuildAppOptions {
  /** Where the cloud assembly goes; the CLI passes it in the environment. */
  outdir?: string
  /** Context as `-c key=value` would give it. */
  context?: Record<string, unknown>
  /** Bundle the function (esbuild); template-only tests skip it. @default true */
  bundle?: boolean
  /**
   * CDK's built-in offline CloudFormation validation (resource schemas and rules, ~7 s); the
   * cdk-nag packs run either way. @default true
   */
  cfnValidation?: boolean
  env?: Record<string, string | undefined>
}

/** The CDK app: one Parley stack from the stage config, checked by the cdk-nag packs at synth. */
export function buildApp(options: BuildAppOptions = {}) {
  const app = new App({
    ...(options.outdir !== undefined && { outdir: options.outdir }),
    ...(options.cfnValidation === false && { builtinCloudFormationValidation: false }),
    context: {
      // Any finding fails the synth, warnings included: each is fixed or acknowledged with a reason.
      '@aws-cdk/core:strictCfnValidateErrors': true,
      ...options.context,
      ...(options.bundle === false && { 'aws:cdk:bundling-stacks': [] }),
    },
  })
  const config = readStageConfig((key) => app.node.tryGetContext(key), options.env)
  const stack = new ParleyStack(app, config.stackName, {
    config,
    description: `Parley comments (${config.stage})`,
    ...((config.account !== undefined || config.region !== undefined) && {
      env: {
        ...(config.account !== undefined && { account: config.account }),
        ...(config.region !== undefined && { region: config.region }),
      },
    }),
  })
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app))
  return { app, stack, config }
}
