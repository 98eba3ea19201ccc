import type { StandardEditorsRegistryItem } from '@grafana/data';

/**
 * The editor ids that PanelOptionsEditorBuilder's add* methods look up (OptionsUIBuilders in
 * @grafana/data 13.1). Grafana core fills this registry with its real editors at start-up; they are not in
 * any package, so a test that runs a plugin's options builder registers these ids instead.
 */
export const STANDARD_OPTION_EDITOR_IDS = [
  'boolean',
  'color',
  'dashboard-uid',
  'field-name',
  'multi-select',
  'number',
  'radio',
  'select',
  'slider',
  'strings',
  'text',
  'timezone',
  'unit',
] as const;

// The builder only stores the editor; rendering the panel-editor UI is Grafana's part.
const NoEditor = () => null;

/** Fills the test's own `standardEditorsRegistry` (pass the one from its @grafana/data import). */
export function registerStandardOptionEditors(registry: {
  setInit(init: () => StandardEditorsRegistryItem[]): void;
}): void {
  registry.setInit(() =>
    STANDARD_OPTION_EDITOR_IDS.map((id) => ({
      id,
      name: id,
      description: `${id} (test stand-in)`,
      editor: NoEditor,
    })),
  );
}
