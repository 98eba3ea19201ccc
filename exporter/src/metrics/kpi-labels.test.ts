import { kpiLabels, labelName } from './kpi-labels';

describe('kpi labels', () => {
  it('snake-cases dimension keys', () => {
    expect(labelName('campaignId')).toBe('campaign_id');
    expect(labelName('platform')).toBe('platform');
    expect(labelName('utmSourceID')).toBe('utm_source_id');
  });

  it('labels the series dimensions only and refuses series with other dimensions', () => {
    const exported = ['platform', 'campaignId'];
    expect(
      kpiLabels(
        { org: 'o', model: 'marketing', metric: 'ctr', dimensions: { platform: 'x' }, value: 1 },
        exported,
      ),
    ).toEqual({ org: 'o', model: 'marketing', metric: 'ctr', platform: 'x' });
    expect(
      kpiLabels({ org: 'o', model: 'm', metric: 'x', dimensions: { accountId: 'a1' }, value: 1 }, exported),
    ).toBeNull();
  });
});
