// Contact points and notification policies (Grafana file provisioning, apiVersion 1). Addresses and URLs
// come from the environment: Grafana expands ${VAR} when it loads the file.

import type { Severity } from './definition';

export const CONTACT_POINTS = {
  oncall: 'kpilens-oncall',
  team: 'kpilens-team',
  digest: 'kpilens-digest',
} as const;

export function contactPointsFile(): Record<string, unknown> {
  return {
    apiVersion: 1,
    contactPoints: [
      {
        orgId: 1,
        name: CONTACT_POINTS.oncall,
        receivers: [
          {
            uid: 'kpilens-oncall-webhook',
            type: 'webhook',
            settings: { url: '${KPILENS_ALERT_WEBHOOK_URL}', httpMethod: 'POST' },
          },
          {
            uid: 'kpilens-oncall-slack',
            type: 'slack',
            settings: {
              url: '${KPILENS_ALERT_SLACK_WEBHOOK_URL}',
              recipient: '${KPILENS_ALERT_SLACK_CHANNEL}',
            },
          },
          {
            uid: 'kpilens-oncall-email',
            type: 'email',
            settings: { addresses: '${KPILENS_ALERT_EMAIL_ONCALL}', singleEmail: true },
          },
        ],
      },
      {
        orgId: 1,
        name: CONTACT_POINTS.team,
        receivers: [
          {
            uid: 'kpilens-team-slack',
            type: 'slack',
            settings: {
              url: '${KPILENS_ALERT_SLACK_WEBHOOK_URL}',
              recipient: '${KPILENS_ALERT_SLACK_CHANNEL}',
            },
          },
          {
            uid: 'kpilens-team-email',
            type: 'email',
            settings: { addresses: '${KPILENS_ALERT_EMAIL_TEAM}', singleEmail: true },
          },
        ],
      },
      {
        orgId: 1,
        name: CONTACT_POINTS.digest,
        receivers: [
          {
            uid: 'kpilens-digest-email',
            type: 'email',
            settings: { addresses: '${KPILENS_ALERT_EMAIL_TEAM}', singleEmail: true },
          },
        ],
      },
    ],
  };
}

/** Which contact point each severity goes to, and how often it repeats. */
export const SEVERITY_ROUTES: Record<Severity, { receiver: string; repeat: string }> = {
  critical: { receiver: CONTACT_POINTS.oncall, repeat: '1h' },
  warning: { receiver: CONTACT_POINTS.team, repeat: '4h' },
  info: { receiver: CONTACT_POINTS.digest, repeat: '24h' },
};

export function notificationPoliciesFile(): Record<string, unknown> {
  return {
    apiVersion: 1,
    policies: [
      {
        orgId: 1,
        receiver: CONTACT_POINTS.team,
        group_by: ['grafana_folder', 'alertname', 'org'],
        group_wait: '30s',
        group_interval: '5m',
        repeat_interval: '4h',
        routes: (Object.keys(SEVERITY_ROUTES) as Severity[]).map((severity) => ({
          receiver: SEVERITY_ROUTES[severity].receiver,
          object_matchers: [['severity', '=', severity]],
          group_wait: severity === 'critical' ? '10s' : '1m',
          repeat_interval: SEVERITY_ROUTES[severity].repeat,
        })),
      },
    ],
  };
}
