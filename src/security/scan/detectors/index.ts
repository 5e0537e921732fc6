import type { SecretDetector, SecretRule } from '../types.js';
import { aiKeysDetector } from './ai-keys.js';
import { awsDetector } from './aws.js';
import { azureDetector } from './azure.js';
import { gcpDetector } from './gcp.js';
import { genericAssignmentDetector } from './generic-assignment.js';
import { githubDetector } from './github.js';
import { gitlabDetector } from './gitlab.js';
import { highEntropyDetector } from './high-entropy.js';
import { jwtDetector } from './jwt.js';
import { npmDetector } from './npm.js';
import { privateKeyDetector } from './private-key.js';
import { slackDetector } from './slack.js';
import { stripeDetector } from './stripe.js';
import { urlPasswordDetector } from './url-password.js';

/** Every built-in detector; adding a family is adding a file and a line here. */
export const builtinDetectors: readonly SecretDetector[] = [
  awsDetector,
  gcpDetector,
  azureDetector,
  githubDetector,
  gitlabDetector,
  slackDetector,
  stripeDetector,
  aiKeysDetector,
  npmDetector,
  privateKeyDetector,
  jwtDetector,
  urlPasswordDetector,
  genericAssignmentDetector,
  highEntropyDetector,
];

/** The rules of the given detectors, by id. */
export function rulesById(detectors: readonly SecretDetector[] = builtinDetectors): Map<string, SecretRule> {
  const rules = new Map<string, SecretRule>();
  for (const detector of detectors) for (const rule of detector.rules) rules.set(rule.id, rule);
  return rules;
}
