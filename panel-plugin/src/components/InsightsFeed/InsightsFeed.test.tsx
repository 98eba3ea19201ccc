import React from 'react';
import { render, screen } from '@testing-library/react';
import { InsightsFeed } from './InsightsFeed';
import { insightsFromFrames } from '../../transforms/insights';
import { insightsFrame } from '../../test-utils/frames';
import { INSIGHTS } from '../../test-utils/samples';

const insights = insightsFromFrames([insightsFrame(INSIGHTS)]);
const now = Date.parse('2026-11-21T12:00:00Z');

describe('InsightsFeed', () => {
  it('shows evidence in the field unit, the age and a sparkline when a series frame came with it', () => {
    render(
      <InsightsFeed
        insights={insights}
        sparklines={new Map([[11, [0.02, 0.021, 0.015, 0.0124]]])}
        unit="percentunit"
        decimals={1}
        linkOf={() => undefined}
        nowMs={now}
      />,
    );

    expect(screen.getByText('1.2%')).toBeInTheDocument();
    expect(screen.getAllByText(/expected 2\.0%/)).toHaveLength(2);
    expect(screen.getByText(/28 h ago/)).toBeInTheDocument();
    expect(screen.getByText(/3 d ago/)).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^Recent values of ctr \{platform="?tiktok"?\}$/ }),
    ).toBeInTheDocument();
    // Without a link target the title is plain text.
    expect(screen.queryByRole('link')).toBeNull();
  });
});
