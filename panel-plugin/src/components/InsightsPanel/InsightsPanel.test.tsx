import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { LoadingState } from '@grafana/data';
import { InsightsPanel } from './InsightsPanel';
import { panelProps } from '../../test-utils/panel-props';
import { briefingFrame, insightsFrame, recommendationsFrame, riskFrame } from '../../test-utils/frames';
import { BRIEFING, INSIGHTS, RECOMMENDATIONS, SCORES } from '../../test-utils/samples';

describe('InsightsPanel', () => {
  it('shows the insights feed, critical first, with evidence and a link to the series', () => {
    render(
      <InsightsPanel
        {...panelProps([insightsFrame(INSIGHTS)], { mode: 'insights' }, { datasourceUid: 'kpi' })}
      />,
    );

    const items = within(screen.getByRole('list', { name: 'Insights' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Critical');
    expect(items[0]).toHaveTextContent('CTR on tiktok fell');
    expect(items[0]).toHaveTextContent('-38%');
    expect(within(items[0]).getByRole('link', { name: 'CTR on tiktok fell' }).getAttribute('href')).toMatch(
      /^\/explore\?/,
    );
  });

  it('shows the risk board with links to the app', () => {
    render(<InsightsPanel {...panelProps([riskFrame(SCORES)], { mode: 'risk' })} />);

    expect(screen.getByRole('table', { name: 'Accounts by payment risk' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Acme Corp' })).toHaveAttribute(
      'href',
      '/a/kpilens-app/risk?account=acme',
    );
  });

  it('shows the recommendations inbox and the briefing', () => {
    const { unmount } = render(
      <InsightsPanel {...panelProps([recommendationsFrame(RECOMMENDATIONS)], { mode: 'recommendations' })} />,
    );
    expect(screen.getAllByRole('listitem', { name: /Move 20%|Check the card/ })).toHaveLength(2);
    unmount();

    render(<InsightsPanel {...panelProps([briefingFrame(BRIEFING)], { mode: 'briefing' })} />);
    expect(screen.getByRole('heading', { name: 'Week of 2026-11-09 to 2026-11-15' })).toBeInTheDocument();
  });

  it('says which query type to use when the data has nothing for the mode', () => {
    render(<InsightsPanel {...panelProps([riskFrame(SCORES)], { mode: 'insights' })} />);

    expect(screen.getByRole('status')).toHaveTextContent('No insights in this time range');
    expect(screen.getByRole('status')).toHaveTextContent('query type "Insights"');
  });

  it('says what to check when the query failed, and shows loading', () => {
    const { unmount } = render(
      <InsightsPanel
        {...panelProps([], { mode: 'risk' }, { state: LoadingState.Error, error: 'HTTP 401' })}
      />,
    );
    expect(screen.getByText('The KPI Lens query failed')).toBeInTheDocument();
    expect(screen.getByText(/HTTP 401 Check the exporter URL and key/)).toBeInTheDocument();
    unmount();

    render(<InsightsPanel {...panelProps([], { mode: 'risk' }, { state: LoadingState.Loading })} />);
    expect(screen.getByText(/Loading from KPI Lens/)).toBeInTheDocument();
  });
});
