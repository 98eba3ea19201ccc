import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { RiskBoard } from './RiskBoard';
import { riskFromFrames } from '../../transforms/risk';
import { riskFrame } from '../../test-utils/frames';
import { SCORES } from '../../test-utils/samples';

const rows = riskFromFrames([riskFrame(SCORES)]);
const props = {
  rows,
  levels: [],
  initialSort: 'risk' as const,
  limit: 50,
  showSearch: true,
  accountHref: (id: string) => `/acc/${id}`,
};

const accountNames = () =>
  within(screen.getByRole('table'))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('RiskBoard', () => {
  it('lists accounts riskiest first with badge, probability, date, confidence and factor bars', () => {
    render(<RiskBoard {...props} />);

    expect(accountNames()).toEqual(['Acme Corp', 'Globex']);
    const acme = screen.getAllByRole('row')[1];
    expect(acme).toHaveTextContent('🔴Critical');
    expect(acme).toHaveTextContent('31%');
    expect(acme).toHaveTextContent('2026-12-14');
    expect(acme).toHaveTextContent('82%');
    const bars = within(screen.getByRole('list', { name: 'Factors of Acme Corp' })).getAllByRole('meter');
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual([
      'late_ratio_6m raises the risk',
      'days_late_avg raises the risk',
      'tenure_days lowers the risk',
    ]);
  });

  it('sorts and searches from the panel', () => {
    render(<RiskBoard {...props} />);

    fireEvent.click(screen.getByLabelText('Name'));
    expect(accountNames()).toEqual(['Acme Corp', 'Globex']);
    fireEvent.click(screen.getByLabelText('Payment date'));
    expect(accountNames()).toEqual(['Acme Corp', 'Globex']);
    fireEvent.change(screen.getByLabelText('Find an account'), { target: { value: 'glob' } });
    expect(accountNames()).toEqual(['Globex']);
    fireEvent.change(screen.getByLabelText('Find an account'), { target: { value: 'nobody' } });
    expect(screen.getByText('No account matches the search or level filter.')).toBeInTheDocument();
  });

  it('keeps only the levels chosen in the options', () => {
    render(<RiskBoard {...props} levels={['EXCELLENT']} />);
    expect(accountNames()).toEqual(['Globex']);
  });
});
