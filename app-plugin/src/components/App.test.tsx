import React from 'react';
import { render, screen } from '@testing-library/react';
import App from './App';
import { appRootProps } from '../test-utils/app-root-props';

describe('App', () => {
  it('shows the overview with the first steps', () => {
    render(<App {...appRootProps('/a/kpilens-app/overview')} />);

    expect(screen.getByTestId('kpilens-overview')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Business KPIs, explained' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Add the KPI Lens data source/ })).toHaveAttribute(
      'href',
      '/connections/datasources/new',
    );
  });
});
