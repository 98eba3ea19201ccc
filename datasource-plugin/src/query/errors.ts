import type { TestDataSourceResponse } from '@grafana/data';
import { t } from '@grafana/i18n';

/** What a failed proxy call says: the exporter's ApiError message when there is one. */
export function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { data, message, status, statusText } = err as {
      data?: { message?: unknown };
      message?: unknown;
      status?: number;
      statusText?: string;
    };
    if (typeof data?.message === 'string' && data.message) {
      return status ? `${status}: ${data.message}` : data.message;
    }
    if (typeof message === 'string' && message) {
      return message;
    }
    if (status) {
      return `${status}${statusText ? ` ${statusText}` : ''}`;
    }
  }
  return String(err);
}

function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null ? (err as { status?: number }).status : undefined;
}

const keyHelp = () =>
  t(
    'test.key-help',
    'Create a key with the read scope (kpilens keys create --org <slug> --name grafana --scopes read), paste it in API key and save.',
  );
// Values are inserted as they are: the message is text, not HTML.
const raw = { interpolation: { escapeValue: false } };

/**
 * The "Save & test" answer for the check that failed: reachability (the proxy got no answer from the
 * exporter), authentication (the key was refused) or version (the exporter speaks another API).
 */
export function connectionFailure(
  check: 'reachability' | 'authentication' | 'version',
  exporterUrl: string,
  errOrVersion: unknown,
): TestDataSourceResponse {
  if (check === 'version') {
    return {
      status: 'error',
      message: t(
        'test.version',
        'API version mismatch: the exporter at {{url}} serves API {{version}}, this plugin needs v1. Upgrade the exporter or install the plugin version made for it.',
        { url: exporterUrl, version: String(errOrVersion), ...raw },
      ),
    };
  }
  const status = statusOf(errOrVersion);
  const detail = errorMessage(errOrVersion);
  if (check === 'reachability') {
    return {
      status: 'error',
      message: t(
        'test.unreachable',
        "Cannot reach the exporter at {{url}} ({{detail}}). Check the URL as Grafana's server sees it (not your browser), that the exporter runs (kpilens serve) and that no firewall blocks the port.",
        { url: exporterUrl, detail, ...raw },
      ),
      details: {
        message: t(
          'test.unreachable-details',
          'Reachability failed; authentication and API version were not checked.',
        ),
      },
    };
  }
  if (status === 401) {
    return {
      status: 'error',
      message: `${t('test.refused', 'The exporter refused the API key ({{detail}}).', { detail, ...raw })} ${keyHelp()}`,
    };
  }
  if (status === 403) {
    return {
      status: 'error',
      message: `${t('test.forbidden', 'The API key may not read ({{detail}}).', { detail, ...raw })} ${keyHelp()}`,
    };
  }
  if (status === 404) {
    return {
      status: 'error',
      message: t(
        'test.not-kpilens',
        'API version mismatch: {{url}} answers but has no /api/v1/whoami. Is it a KPI Lens exporter? Upgrade the exporter if it is an old one.',
        { url: exporterUrl, ...raw },
      ),
    };
  }
  return {
    status: 'error',
    message: t('test.key-check-failed', 'The exporter answered the key check with an error: {{detail}}', {
      detail,
      ...raw,
    }),
  };
}
