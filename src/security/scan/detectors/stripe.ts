import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const liveKey: SecretRule = {
  id: 'stripe-live-key',
  title: 'Stripe live secret key',
  description: 'A Stripe live secret or restricted key (sk_live_, rk_live_): it moves real money.',
  remediation: 'Roll the key in the Stripe dashboard (Developers > API keys) and keep it in a secret store.',
  severity: 'critical',
  specificity: 'provider',
};

const testKey: SecretRule = {
  id: 'stripe-test-key',
  title: 'Stripe test secret key',
  description: 'A Stripe test-mode secret or restricted key (sk_test_, rk_test_).',
  remediation: 'Roll the test key in the Stripe dashboard; keep even test keys out of the repository.',
  severity: 'low',
  specificity: 'provider',
};

/** Stripe secret and restricted keys; publishable keys (pk_) are public by design and ignored. */
export const stripeDetector = patternDetector('stripe', [
  { rule: liveKey, pattern: /\b[sr]k_live_[0-9A-Za-z]{20,247}\b/ },
  { rule: testKey, pattern: /\b[sr]k_test_[0-9A-Za-z]{20,247}\b/ },
]);
