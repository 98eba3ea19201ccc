import { startDemoExporter, type DemoExporter } from '../demo-exporter';
import type { SceneContext } from './scene';

/** One demo exporter per screenshot run, shared by every scene that shows exporter data. */
export function demoExporter(ctx: SceneContext): Promise<DemoExporter> {
  return ctx.shared('demo-exporter', async () => {
    const exporter = await startDemoExporter();
    return { value: exporter, dispose: exporter.stop };
  });
}
