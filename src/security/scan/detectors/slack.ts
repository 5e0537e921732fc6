import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const token: SecretRule = {
  id: 'slack-token',
  title: 'Slack token',
  description: 'A Slack bot, user, app or configuration token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xapp-).',
  remediation: 'Revoke the token in the Slack app settings and reinstall the app to issue a new one.',
  severity: 'high',
  specificity: 'provider',
};

const webhook: SecretRule = {
  id: 'slack-webhook-url',
  title: 'Slack incoming webhook URL',
  description: 'A Slack incoming-webhook URL: anyone holding it can post to the channel.',
  remediation: 'Delete the webhook in the Slack app settings and create a new one kept in a secret store.',
  severity: 'medium',
  specificity: 'provider',
};

/** Slack API tokens and incoming-webhook URLs. */
export const slackDetector = patternDetector('slack', [
  { rule: token, pattern: /\bxox[abposr]-[0-9A-Za-z]{8,}-[0-9A-Za-z-]{8,}\b/ },
  { rule: token, pattern: /\bxapp-\d-[A-Z0-9]{8,}-\d{6,}-[a-f0-9]{32,}\b/ },
  {
    rule: webhook,
    pattern:
      /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/([A-Za-z0-9]{16,})/,
    group: 1,
  },
]);
