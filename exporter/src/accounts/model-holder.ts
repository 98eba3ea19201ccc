// The payment-risk model an exporter serves, opened on first use (loading and validating it takes a
// moment and most deployments may never score) and released when the exporter closes.
import { join } from 'node:path';
import { CREDIT_DEFAULT_MODEL, PaymentRiskModel, modelsRoot } from '../ml/scorer';

export interface ServedModel {
  model: PaymentRiskModel;
  version: string;
}

export class ModelHolder {
  private loading?: Promise<ServedModel>;

  constructor(private readonly version = CREDIT_DEFAULT_MODEL) {}

  get(): Promise<ServedModel> {
    this.loading ??= PaymentRiskModel.load(join(modelsRoot(), this.version)).then((model) => ({
      model,
      version: this.version,
    }));
    // A failed load is not cached: the next request tries again (e.g. after the files are fixed).
    this.loading.catch(() => (this.loading = undefined));
    return this.loading;
  }

  async close(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    if (loading) await (await loading.catch(() => undefined))?.model.close();
  }
}
