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

  it('hides the key numbers when the option is off', () => {
    render(<ExecutiveBriefing briefing={briefing} showKeyNumbers={false} />);
    expect(screen.queryByLabelText('Key numbers')).toBeNull();
  });
});
