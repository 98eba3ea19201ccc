import React, { useState } from 'react';
import { Button, Field, Modal, TextArea } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { tv } from '../../i18n';

interface Props {
  count: number;
  onDismiss: (reason: string) => void;
  onCancel: () => void;
}

/** Asks why before dismissing: the reason is stored and feeds the ranking of future recommendations. */
export function DismissModal({ count, onDismiss, onCancel }: Props) {
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  return (
    <Modal
      isOpen
      title={tv('panel.inbox.dismiss-title', 'Dismiss {{count}} recommendation(s)', { count })}
      onDismiss={onCancel}
    >
      <Field
        label={t('panel.inbox.dismiss-reason', 'Reason')}
        description={t(
          'panel.inbox.dismiss-reason-help',
          'Why this does not apply; it improves later recommendations.',
        )}
      >
        <TextArea
          id="kpilens-dismiss-reason"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          rows={3}
          autoFocus
        />
      </Field>
      <Modal.ButtonRow>
        <Button variant="secondary" fill="outline" onClick={onCancel}>
          {t('panel.inbox.cancel', 'Cancel')}
        </Button>
        <Button variant="destructive" disabled={trimmed === ''} onClick={() => onDismiss(trimmed)}>
          {t('panel.inbox.dismiss', 'Dismiss')}
        </Button>
      </Modal.ButtonRow>
    </Modal>
  );
}
