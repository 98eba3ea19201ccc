import { PanelOptionsEditorBuilder, Registry, type StandardEditorsRegistryItem } from '@grafana/data';
import { registerStandardOptionEditors, STANDARD_OPTION_EDITOR_IDS } from './standard-option-editors';

describe('registerStandardOptionEditors', () => {
  it('registers every editor id the options builder looks up', () => {
    const registry = new Registry<StandardEditorsRegistryItem>();
    registerStandardOptionEditors(registry);
    expect(registry.list().map((item) => item.id)).toEqual([...STANDARD_OPTION_EDITOR_IDS]);
  });

  it('lets a panel options builder run against @grafana/data', () => {
    const { standardEditorsRegistry } = jest.requireActual('@grafana/data');
    registerStandardOptionEditors(standardEditorsRegistry);
    const builder = new PanelOptionsEditorBuilder<{ on: boolean; size: string; n: number }>()
      .addBooleanSwitch({ path: 'on', name: 'On', defaultValue: true })
      .addRadio({ path: 'size', name: 'Size', defaultValue: 'sm', settings: { options: [] } })
      .addNumberInput({ path: 'n', name: 'N' });
    expect(builder.getItems().map((item) => [item.id, item.editor])).toEqual([
      ['on', expect.any(Function)],
      ['size', expect.any(Function)],
      ['n', expect.any(Function)],
    ]);
  });
});
