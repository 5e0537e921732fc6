import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const token: SecretRule = {
  id: 'github-token',
  title: 'GitHub token',
  description: 'A GitHub personal, OAuth, app or refresh token (ghp_, gho_, ghu_, ghs_, ghr_).',
  remediation: 'Revoke the token in GitHub settings (or the app) and issue a new one with least privilege.',
  severity: 'critical',
  specificity: 'provider',
};

const fineGrained: SecretRule = {
  id: 'github-fine-grained-pat',
  title: 'GitHub fine-grained personal access token',
  description: 'A GitHub fine-grained personal access token (github_pat_…).',
  remediation: 'Revoke the token in GitHub settings > Developer settings and issue a new one.',
  severity: 'critical',
  specificity: 'provider',
};

/** GitHub classic, OAuth, app and fine-grained tokens. */
export const githubDetector = patternDetector('github', [
  { rule: token, pattern: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/ },
  { rule: fineGrained, pattern: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/ },
]);
