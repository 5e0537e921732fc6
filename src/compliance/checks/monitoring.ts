/** System monitoring (SI-4): a deploy judge watches a service, or a metrics endpoint is named. */
import { z } from 'zod';
import { defineCheck, fail, pass } from './check.js';
import { deploySection, deployServices } from './config-sections.js';

export const monitoringConfigured = defineCheck({
  id: 'monitoring.configured',
  family: 'monitoring',
  description:
    'monitoring is configured: a deploy service or judge in cara.config.yaml, or a listed metrics endpoint',
  parameters: z.strictObject({ metricsEndpoints: z.array(z.url()).default([]) }).prefault({}),
  async run(ctx, { metricsEndpoints }) {
    const deploy = deploySection(ctx.config);
    const services = deploy === undefined ? [] : deployServices(deploy);
    const judge = deploy !== undefined && deploy.judge !== undefined && deploy.judge !== null;
    const evidence = { services, judge, metricsEndpoints };
    if (services.length > 0 || judge) {
      return pass(
        `cara.config.yaml deploy section monitors ${services.length > 0 ? services.join(', ') : 'with a judge'}`,
        evidence,
      );
    }
    if (metricsEndpoints.length > 0)
      return pass(`metrics endpoints listed: ${metricsEndpoints.join(', ')}`, evidence);
    return fail(
      'monitoring is not configured: no deploy service or judge in cara.config.yaml and no metricsEndpoints parameter',
      evidence,
    );
  },
});

export const MONITORING_CHECKS = [monitoringConfigured];
