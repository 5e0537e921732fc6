import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const token: SecretRule = {
  id: 'gitlab-token',
  title: 'GitLab token',
  description: 'A GitLab personal, deploy, pipeline-trigger or runner token (glpat-, gldt-, glptt-, glrt-).',
  remediation: 'Revoke the token in GitLab (user, project or runner settings) and create a new one.',
  severity: 'critical',
  specificity: 'provider',
};

/** GitLab personal access, deploy, trigger and runner tokens. */
export const gitlabDetector = patternDetector('gitlab', [
  { rule: token, pattern: /\b(?:glpat|gldt|glrt|gloas)-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/ },
  { rule: token, pattern: /\bglptt-[0-9a-f]{40}\b/ },
]);
