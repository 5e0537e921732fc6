import { stringify } from 'yaml';

export interface ConfigTemplateOptions {
  projectName: string;
}

/**
 * The commented `cara.config.yaml` that `cara init` writes: every field with its default, and
 * secrets as commented-out `${ENV}` references so no secret is ever written to the file.
 */
export function configTemplate(options: ConfigTemplateOptions): string {
  const name = stringify(options.projectName, { lineWidth: 0 }).trimEnd();
  return `# cara configuration. Every field is optional; the values below are the defaults.
# Editor completion: schema/cara.config.schema.json in the cara-devops package.
# Any string may reference an environment variable as \${NAME}; secrets must.
version: 1

project:
  # Name shown in reports and audit events (defaults to the repository folder name).
  name: ${name}

store:
  # SQLite database file, relative to the repository root.
  path: .cara/cara.db
  # PostgreSQL instead of SQLite (secret; CARA_DATABASE_URL takes precedence when set).
  # url: \${CARA_DATABASE_URL}

audit:
  # Environment recorded in audit events (development, staging, production, ...).
  environment: development
  # PEM key that signs audit checkpoints, relative to the repository root.
  signingKey: .cara/signing-key.pem
  # Origin line of signed checkpoints (one line; derived from the project when unset).
  # origin: example.org/cara/my-project
  # Directory that also receives a copy of every checkpoint, e.g. a mounted bucket.
  # externalCheckpointDir: /mnt/audit-checkpoints

risk:
  # Risk score thresholds between 0 and 1; medium must be below high.
  bands:
    medium: 0.3
    high: 0.6

test:
  # Test runner: vitest, jest, mocha, node-test or junit (detected when unset).
  # runner: vitest
  # Files whose change runs every test (default: lockfiles, package.json, tsconfig*.json,
  # test-runner config, CI workflows).
  # globalInputs: [package-lock.json, tsconfig*.json, vitest.config.*]
  # After a selected run of a change fails, the next run of that change widens to the whole
  # import closure (closure), every test (all), or stays as selected (off).
  widenAfterFailure: closure
  # After a run on a clean working tree, refresh up to this many missing or stale impact-map
  # entries of the tests that ran (0: never).
  impactRefreshPerRun: 10

llm:
  # LLM for AI commands: none (deterministic planner), openai, anthropic or google.
  provider: none
  # Model name (defaults to the provider's recommended model).
  # model: gpt-4.1
  # API key of the provider (secret).
  # apiKey: \${CARA_LLM_API_KEY}

# notifications:
#   # Slack incoming-webhook URL for gate and rollback notices (secret).
#   slackWebhookUrl: \${CARA_SLACK_WEBHOOK_URL}

# Progressive delivery (\`cara deploy\`, docs/deploy.md): services, strategies, approvers.
# deploy:
#   approvers:
#     - { identity: release-manager@example.gov, roles: [release-manager] }
#   services:
#     api:
#       port: 8080                          # the weighted proxy listens here
#       command: [node, server.js]          # one instance; {port} {instanceDir} {version} placeholders
#       instances: 2
#       readiness: { path: /readyz }
#       canary:
#         steps: [{ setWeight: 10 }, { analysis: { seconds: 20 } }, { setWeight: 50 }, { analysis: { seconds: 20 } }]

# Red-team targets by name (\`cara redteam run --target staging\`).
# redteam:
#   targets:
#     staging: { url: http://localhost:8080, kind: agent, canary: "\${CARA_REDTEAM_CANARY}" }

# Retention (\`cara compliance retention\`): audit events stay online at least auditMinimumDays.
# retention:
#   auditMinimumDays: 90
#   policies:
#     - { series: test-runs, days: 365 }
`;
}
