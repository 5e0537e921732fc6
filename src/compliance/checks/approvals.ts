/** Approval gates: separation of duties (AC-5/AC-6), approved changes (CM-3), configured approvers. */
import { z } from 'zod';
import { defineCheck, fail, notAssessed, pass, sample } from './check.js';
import { deployApprovers, deploySection, deployServices } from './config-sections.js';
import { deploymentTrails, detailText, hasEvent, startedDeployments } from './deployments.js';

export const separationOfDuties = defineCheck({
  id: 'approvals.separation-of-duties',
  family: 'approvals',
  description: 'no deployment is approved by the person who started it',
  parameters: z.strictObject({ allowSelfApproval: z.boolean().default(false) }).prefault({}),
  async run(ctx, { allowSelfApproval }) {
    const events = await ctx.events();
    const grants = events.filter((event) => event.type === 'approval.grant');
    if (grants.length === 0) return notAssessed('no approval.grant events recorded yet');
    const trails = deploymentTrails(events);
    const self = grants.filter((grant) => {
      const start = grant.subject === null ? undefined : trails.get(grant.subject)?.start;
      return start !== undefined && start.actor === grant.actor;
    });
    const evidence = {
      approvals: grants.length,
      unmatched: grants.filter((g) => g.subject === null || trails.get(g.subject)?.start === undefined)
        .length,
      selfApprovals: sample(self.map((g) => ({ deployment: g.subject, actor: g.actor, seq: g.seq }))),
      allowSelfApproval,
    };
    if (self.length === 0)
      return pass(`${grants.length} approvals, none by the deployment's starter`, evidence);
    return allowSelfApproval
      ? pass(`${self.length} self-approvals, allowed by the template (allowSelfApproval)`, evidence)
      : fail(`${self.length} deployments approved by the person who started them`, evidence);
  },
});

export const changeApproved = defineCheck({
  id: 'approvals.change-approved',
  family: 'approvals',
  description: 'every promoted deployment has an approval, or its start records an automatic policy',
  parameters: z
    .strictObject({ automaticPolicies: z.array(z.string().min(1)).min(1).default(['automatic']) })
    .prefault({}),
  async run(ctx, { automaticPolicies }) {
    const deployments = startedDeployments(await ctx.events());
    if (deployments.length === 0) return notAssessed('no deploy.start events recorded yet');
    const promoted = deployments.filter((d) => hasEvent(d, 'deploy.promote'));
    const automatic = promoted.filter((d) => automaticPolicies.includes(detailText(d.start, 'policy') ?? ''));
    const unapproved = promoted.filter((d) => !hasEvent(d, 'approval.grant') && !automatic.includes(d));
    const evidence = {
      deployments: deployments.length,
      promoted: promoted.length,
      automatic: automatic.length,
      unapproved: sample(unapproved.map((d) => d.id)),
    };
    return unapproved.length === 0
      ? pass(`${promoted.length} promoted deployments: each approved or under an automatic policy`, evidence)
      : fail(`${unapproved.length} promoted deployments have no approval and no automatic policy`, evidence);
  },
});

export const approversConfigured = defineCheck({
  id: 'approvals.approvers-configured',
  family: 'approvals',
  description: 'approvers are configured in cara.config.yaml, each with a role',
  parameters: z
    .strictObject({
      minimumApprovers: z.number().int().min(1).default(1),
      requiredRoles: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  async run(ctx, { minimumApprovers, requiredRoles }) {
    const deploy = deploySection(ctx.config);
    if (deploy === undefined) return notAssessed('cara.config.yaml has no deploy section');
    if (deployServices(deploy).length === 0)
      return notAssessed('cara.config.yaml deploys no services (deploy.services)');
    const approvers = deployApprovers(deploy) ?? [];
    const withoutRole = approvers.filter((a) => a.roles.length === 0).map((a) => a.id);
    const roles = new Set(approvers.flatMap((a) => a.roles));
    const missingRoles = requiredRoles.filter((role) => !roles.has(role));
    const evidence = { approvers: approvers.length, roles: [...roles], withoutRole, missingRoles };
    if (approvers.length < minimumApprovers)
      return fail(
        `${approvers.length} approvers configured, at least ${minimumApprovers} required`,
        evidence,
      );
    if (withoutRole.length > 0) return fail(`approvers without a role: ${withoutRole.join(', ')}`, evidence);
    if (missingRoles.length > 0) return fail(`no approver holds ${missingRoles.join(', ')}`, evidence);
    return pass(`${approvers.length} approvers with roles ${[...roles].join(', ')}`, evidence);
  },
});

export const APPROVAL_CHECKS = [separationOfDuties, changeApproved, approversConfigured];
