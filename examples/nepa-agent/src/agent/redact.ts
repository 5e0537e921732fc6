/** The guarded agent's output filter: the canary and the system prompt never leave the service. */

/** Replaces the canary, and any line of the system prompt, with `[redacted]`. */
export function redactSecrets(text: string, canary: string, systemPrompt: string): string {
  let result = text.split(canary).join('[redacted]');
  for (const line of systemPrompt.split('\n')) {
    const probe = line.replace(canary, '[redacted]').trim();
    if (probe.length >= 24) result = result.split(probe).join('[redacted]');
  }
  return result;
}
