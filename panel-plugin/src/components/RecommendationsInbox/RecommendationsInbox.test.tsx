import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { KpiLensActions } from '@kpilens/contract';
import { RecommendationsInbox } from './RecommendationsInbox';
import { DEFAULT_AUDIT_THRESHOLDS } from '../InsightsPanel/InsightsPanel';
import { recommendationsFromFrames } from '../../transforms/recommendations';
import { recommendationsFrame } from '../../test-utils/frames';
import { RECOMMENDATIONS } from '../../test-utils/samples';

const rows = recommendationsFromFrames([recommendationsFrame(RECOMMENDATIONS)]);

/** A KpiLensActions whose calls are recorded and settle when the test says so. */
function controlledActions() {
  const calls: Array<{ method: string; args: unknown[]; resolve: () => void; reject: (e: Error) => void }> =
    [];
  const record =
    (method: string) =>
    (...args: unknown[]) =>
      new Promise<unknown>((resolve, reject) =>
        calls.push({ method, args, resolve: () => resolve({}), reject }),
      );
  const actions: KpiLensActions = {
    acceptRecommendation: record('accept'),
    dismissRecommendation: record('dismiss'),
    snoozeRecommendation: record('snooze'),
    recalculateScore: record('recalculate'),
  };
  return { actions, calls };
}

const card = (name: RegExp) => screen.getByRole('listitem', { name });

function renderInbox(actions: KpiLensActions | null) {
  return render(
    <RecommendationsInbox
      rows={rows}
      actions={actions ? async () => actions : null}
      showFindings
      thresholds={DEFAULT_AUDIT_THRESHOLDS}
    />,
  );
}

describe('RecommendationsInbox', () => {
  it('shows each card with rationale, impact, audit score and findings', () => {
    renderInbox(null);
    const second = card(/Check the card payment provider/);
    expect(second).toHaveTextContent('Medium priority');
    expect(second).toHaveTextContent('Why: Card failures doubled since Tuesday.');
    expect(second).toHaveTextContent('Expected impact: Recover about 2% of revenue');
    expect(second).toHaveTextContent('Audit score 80');
    expect(within(second).getByRole('list', { name: 'Audit findings' })).toHaveTextContent(
      'Impact estimated from 3 days only',
    );
  });

  it('lets viewers read but not act', () => {
    renderInbox(null);
    expect(screen.getByText('You can read these recommendations')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Accept/ })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('accepts at once and keeps it when the datasource call succeeds', async () => {
    const { actions, calls } = controlledActions();
    renderInbox(actions);

    fireEvent.click(within(card(/Move 20%/)).getByRole('button', { name: 'Accept' }));
    expect(card(/Move 20%/)).toHaveTextContent('Accepted');
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ method: 'accept', args: [1] });
    await act(async () => calls[0].resolve());
    expect(card(/Move 20%/)).toHaveTextContent('Accepted');
    expect(screen.queryByText('Not saved')).toBeNull();
  });

  it('rolls back and says why when the call fails', async () => {
    const { actions, calls } = controlledActions();
    renderInbox(actions);

    fireEvent.click(within(card(/Check the card/)).getByRole('button', { name: 'Accept' }));
    expect(card(/Check the card/)).toHaveTextContent('Accepted');
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => calls[0].reject(new Error('exporter unreachable')));

    expect(card(/Check the card/)).toHaveTextContent('Pending');
    expect(
      screen.getByText(/1 change\(s\) could not be saved and were undone: exporter unreachable/),
    ).toBeInTheDocument();
  });

  it('dismisses with a reason, for every selected card', async () => {
    const { actions, calls } = controlledActions();
    renderInbox(actions);

    fireEvent.click(screen.getByLabelText('Select all'));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss (2)' }));
    const dialog = screen.getByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Dismiss' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Budget frozen this month' },
    });
    fireEvent.click(confirm);

    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls.map((c) => [c.method, ...c.args])).toEqual([
      ['dismiss', 1, 'Budget frozen this month'],
      ['dismiss', 2, 'Budget frozen this month'],
    ]);
    expect(card(/Move 20%/)).toHaveTextContent('Dismissed — Budget frozen this month');
  });

  it('snoozes from the card menu until the chosen day', async () => {
    const { actions, calls } = controlledActions();
    renderInbox(actions);

    fireEvent.click(within(card(/Move 20%/)).getByRole('button', { name: 'Snooze' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'For a week' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ method: 'snooze', args: [1, expect.any(String)] });
    const until = Date.parse(calls[0].args[1] as string);
    expect(Math.abs(until - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    expect(card(/Move 20%/)).toHaveTextContent(`Snoozed until ${new Date(until).toISOString().slice(0, 10)}`);
  });
});
