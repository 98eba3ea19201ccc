-- Payment risk: accounts that pay invoices, their invoices and payments, and the scores of the model.
-- Ids are the client's own (text), unique per organization, so re-sending a batch is idempotent.

CREATE TABLE accounts (
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id text NOT NULL,
  name text,
  opened_at timestamptz NOT NULL,
  credit_limit double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE invoices (
  org_id int NOT NULL,
  id text NOT NULL,
  account_id text NOT NULL,
  amount double precision NOT NULL,
  issued_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  minimum_due double precision,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, id) ON DELETE CASCADE
);
-- The feature loader reads whole histories of a batch of accounts.
CREATE INDEX invoices_account ON invoices (org_id, account_id);

CREATE TABLE payments (
  org_id int NOT NULL,
  id text NOT NULL,
  account_id text NOT NULL,
  -- No foreign key: a payment may name an invoice sent later, or none (then it pays the oldest owing).
  invoice_id text,
  amount double precision NOT NULL,
  paid_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, id) ON DELETE CASCADE
);
CREATE INDEX payments_account ON payments (org_id, account_id);

-- Every scoring is kept: scores over time per account and model version.
CREATE TABLE account_scores (
  org_id int NOT NULL,
  account_id text NOT NULL,
  model_version text NOT NULL,
  scored_at timestamptz NOT NULL,
  probability double precision,
  level text NOT NULL,
  expected_payment_date timestamptz,
  confidence double precision NOT NULL,
  factors jsonb NOT NULL,
  PRIMARY KEY (org_id, account_id, model_version, scored_at),
  FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, id) ON DELETE CASCADE
);
CREATE INDEX account_scores_latest ON account_scores (org_id, account_id, scored_at DESC);
