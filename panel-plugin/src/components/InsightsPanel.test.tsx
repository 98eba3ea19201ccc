import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { createDataFrame, FieldType } from '@grafana/data';
import { InsightsPanel } from './InsightsPanel';
import { panelProps } from '../test-utils/panel-props';

const frames = [
  createDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: [0, 1000] },
      { name: 'revenue', type: FieldType.number, values: [200, 150] },
    ],
  }),
  createDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: [0, 1000] },
      { name: 'orders', type: FieldType.number, values: [10, 12] },
    ],
  }),
];

describe('InsightsPanel', () => {
  it('lists each series with its latest value and change, in the chosen order', () => {
    render(<InsightsPanel {...panelProps(frames, { sortBy: 'value', showChange: true, decimals: 1 })} />);

    const rows = within(screen.getByRole('list', { name: 'KPI series' })).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual(['revenue150.0-25.0%', 'orders12.0+20.0%']);
    expect(screen.getByLabelText('change of orders')).toHaveTextContent('+20.0%');
  });

  it('hides the change when the option is off', () => {
    render(<InsightsPanel {...panelProps(frames, { sortBy: 'name', showChange: false })} />);

    expect(screen.getAllByRole('listitem').map((r) => r.textContent)).toEqual(['orders12', 'revenue150']);
    expect(screen.queryByLabelText(/change of/)).toBeNull();
  });

  it('says so when there is nothing to show', () => {
    render(<InsightsPanel {...panelProps([], { sortBy: 'name', showChange: true })} />);

    expect(screen.getByText('No KPI values in this time range')).toBeInTheDocument();
  });
});
