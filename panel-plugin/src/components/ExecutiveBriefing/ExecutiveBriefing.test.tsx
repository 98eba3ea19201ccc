import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { ExecutiveBriefing } from './ExecutiveBriefing';
import { briefingFromFrames } from '../../transforms/briefing';
import { briefingFrame } from '../../test-utils/frames';
import { BRIEFING } from '../../test-utils/samples';

const briefing = briefingFromFrames([briefingFrame(BRIEFING)])!;

describe('ExecutiveBriefing', () => {
  it('shows the key numbers with their change, the text and the lists', () => {
    render(<ExecutiveBriefing briefing={briefing} showKeyNumbers />);

    const numbers = screen.getByLabelText('Key numbers');
    expect(within(numbers).getByText('Revenue')).toBeInTheDocument();
    expect(numbers).toHaveTextContent('-12%');
    expect(
      screen.getByText('Revenue fell 12% on the week, mostly from card payment failures.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Risks' })).toBeInTheDocument();
    expect(screen.getByText('2 accounts critical')).toBeInTheDocument();
  });

  it('says whether each change is good news for its figure, not only by its sign', () => {
    const view = {
      ...briefing,
      keyNumbers: [
        {
          label: 'Payment failure rate',
          value: 2,
          unit: 'percent',
          change: -0.3,
          goodDirection: 'down' as const,
        },
        { label: 'Revenue', value: 9, unit: 'currencyEUR', change: -0.1, goodDirection: 'up' as const },
        { label: 'Ad spend', value: 5, unit: 'currencyEUR', change: 0.2 },
      ],
    };
    render(<ExecutiveBriefing briefing={view} showKeyNumbers />);
    expect(screen.getByText('-30%')).toHaveAttribute('aria-label', 'better than the previous week');
    expect(screen.getByText('-10%')).toHaveAttribute('aria-label', 'worse than the previous week');
    expect(screen.getByText('+20%')).toHaveAttribute('aria-label', 'change against the previous week');
  });

  it('hides the key numbers when the option is off', () => {
    render(<ExecutiveBriefing briefing={briefing} showKeyNumbers={false} />);
    expect(screen.queryByLabelText('Key numbers')).toBeNull();
  });
});
