import type { ModelInfo } from '@kpilens/contract';
import { DeclarativeModel } from './declarative-model';
import { BUILT_IN_MODELS } from './definitions';
import type { KpiModel } from './kpi-model';
import { loadModelConfigs } from './model-config';

/** The KPI models an exporter analyses: the built-in ones, the files of KPILENS_MODELS_DIR, code models. */
export class ModelCatalog {
  private readonly byName: Map<string, KpiModel>;

  constructor(readonly models: readonly KpiModel[]) {
    this.byName = new Map(models.map((m) => [m.name, m]));
  }

  get(name: string): KpiModel | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return this.models.map((m) => m.name);
  }

  info(lastRun: (name: string) => ModelInfo['lastRun']): ModelInfo[] {
    return this.models.map((m) => ({
      name: m.name,
      description: m.description,
      origin: m.origin,
      kpis: [...m.kpis],
      lastRun: lastRun(m.name),
    }));
  }
}

/**
 * Built-in models, then the models of `modelsDir` (a file named like a built-in model replaces it, e.g. to
 * give its KPIs targets), then models written as classes.
 */
export function loadModelCatalog(modelsDir?: string, code: readonly KpiModel[] = []): ModelCatalog {
  const byName = new Map<string, KpiModel>();
  for (const m of BUILT_IN_MODELS) byName.set(m.name, new DeclarativeModel(m, 'built_in'));
  if (modelsDir)
    for (const m of loadModelConfigs(modelsDir)) byName.set(m.name, new DeclarativeModel(m, 'config'));
  for (const m of code) byName.set(m.name, m);
  return new ModelCatalog([...byName.values()]);
}
