// The payment-risk model an exporter serves: opened on first use (loading and validating it takes a
// moment and many deployments never score), switched to another version without a restart, released
// when the exporter closes. A version that fails validation is refused and the current one keeps serving.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from '../db/db';
import { ModelRejectedError, PaymentRiskModel, modelsRoot } from '../ml/scorer';

export const MODEL_NAME = 'credit-default';
export const DEFAULT_VERSION = 'v1';
const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface ServedModel {
  model: PaymentRiskModel;
  /** "<name>/<version>", the model_version of scores and metrics */
  version: string;
}

interface Slot {
  served: Promise<ServedModel>;
  version: string;
  users: number;
  retired: boolean;
}

export class ModelHolder {
  private slot?: Slot;
  // A recorded version this replica could not load is not retried on every call.
  private refused?: string;

  constructor(
    private readonly name = MODEL_NAME,
    private readonly initialVersion = DEFAULT_VERSION,
    private readonly root: () => string = modelsRoot,
  ) {}

  /** Version folders of the model present on disk (not validated). */
  available(): string[] {
    const dir = join(this.root(), this.name);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && VERSION_RE.test(d.name))
      .map((d) => d.name)
      .sort();
  }

  /** The version served now (loaded or about to be). */
  current(): string {
    return this.slot?.version ?? this.initialVersion;
  }

  private open(version: string): Slot {
    if (!VERSION_RE.test(version)) throw new ModelRejectedError(version, 'not a version name');
    const served = PaymentRiskModel.load(join(this.root(), this.name, version)).then((model) => ({
      model,
      version: `${this.name}/${version}`,
    }));
    return { served, version, users: 0, retired: false };
  }

  /**
   * Runs `fn` with the served model. A switch during the call retires the old model only when its last
   * user is done, so no inference runs on a released session.
   */
  async use<T>(fn: (m: ServedModel) => Promise<T>): Promise<T> {
    if (!this.slot) this.slot = this.open(this.initialVersion);
    const slot = this.slot;
    slot.users++;
    try {
      return await fn(await slot.served);
    } catch (err) {
      // A first load that failed is not kept: the next call tries again (e.g. after the files are fixed).
      if (
        this.slot === slot &&
        (await slot.served.then(
          () => false,
          () => true,
        ))
      )
        this.slot = undefined;
      throw err;
    } finally {
      slot.users--;
      if (slot.retired && slot.users === 0) await this.release(slot);
    }
  }

  /**
   * Loads and validates another version, then serves it. Throws ModelRejectedError (a corrupt or
   * mismatched model) with the current model still serving.
   */
  async switchTo(version: string): Promise<string> {
    if (
      this.slot &&
      this.slot.version === version &&
      (await this.slot.served.then(
        () => true,
        () => false,
      ))
    )
      return this.slot.version;
    const next = this.open(version);
    await next.served;
    const old = this.slot;
    this.slot = next;
    if (old) {
      old.retired = true;
      if (old.users === 0) await this.release(old);
    }
    return version;
  }

  /**
   * Follows the version recorded in the database (set by a switch on any replica). A recorded version
   * that does not load here is logged by the caller and the current one keeps serving.
   */
  async follow(q: Queryable): Promise<void> {
    const { rows } = await q.query<{ version: string }>(
      'SELECT version FROM ml_active_models WHERE name = $1',
      [this.name],
    );
    const wanted = rows[0]?.version;
    if (!wanted || wanted === this.current() || wanted === this.refused) return;
    try {
      await this.switchTo(wanted);
    } catch (err) {
      this.refused = wanted;
      throw err;
    }
  }

  /** Validates and serves `version` here, then records it so the other replicas follow. */
  async activate(q: Queryable, version: string): Promise<string> {
    await this.switchTo(version);
    await q.query(
      `INSERT INTO ml_active_models (name, version) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, switched_at = now()`,
      [this.name, version],
    );
    return `${this.name}/${version}`;
  }

  private async release(slot: Slot): Promise<void> {
    const served = await slot.served.catch(() => undefined);
    await served?.model.close();
  }

  async close(): Promise<void> {
    const slot = this.slot;
    this.slot = undefined;
    if (!slot) return;
    slot.retired = true;
    if (slot.users === 0) await this.release(slot);
  }
}
