import React from 'react';
import { render, screen } from '@testing-library/react';
import App from './App';
import { appRootProps } from '../test-utils/app-root-props';

describe('App', () => {
  it('says how to connect the exporter before the configuration is done', () => {
    render(<App {...appRootProps('/a/kpilens-app/overview')} />);

    expect(screen.getByText('Connect KPI Lens to its exporter')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the configuration' })).toHaveAttribute(
      'href',
      '/plugins/kpilens-app?page=configuration',
    );
  });
});
