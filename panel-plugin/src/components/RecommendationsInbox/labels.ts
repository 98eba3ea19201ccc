import { t } from '@grafana/i18n';
import type { Priority, RecommendationStatus } from '@kpilens/contract';

export function statusLabel(status: RecommendationStatus): string {
  switch (status) {
    case 'pending':
      return t('panel.status.pending', 'Pending');
    case 'accepted':
      return t('panel.status.accepted', 'Accepted');
    case 'dismissed':
      return t('panel.status.dismissed', 'Dismissed');
    case 'snoozed':
      return t('panel.status.snoozed', 'Snoozed');
    case 'done':
      return t('panel.status.done', 'Done');
  }
}

export function priorityLabel(priority: Priority): string {
  switch (priority) {
    case 'high':
      return t('panel.priority.high', 'High priority');
    case 'medium':
      return t('panel.priority.medium', 'Medium priority');
    case 'low':
      return t('panel.priority.low', 'Low priority');
  }
}
