-- The invoice a score predicts (the next one due when it was made), so the realized quality of past
-- predictions can be measured once that invoice's outcome is known.
ALTER TABLE account_scores ADD COLUMN invoice_id text;
CREATE INDEX account_scores_invoice ON account_scores (org_id, invoice_id) WHERE invoice_id IS NOT NULL;
