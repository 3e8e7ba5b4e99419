/** `npx cdk synth` / `npx cdk deploy` run this (cdk.json): one Parley stage from context. */
import { buildApp } from './build-app.js'

buildApp().app.synth()
