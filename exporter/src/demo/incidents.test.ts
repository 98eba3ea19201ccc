import { driverFactor, incidentManifest, INCIDENTS, matches } from './incidents';
import { DAY_MS, HOUR_MS, historyEnd, specEndingAt } from './timeline';

const spec = specEndingAt(Date.parse('2026-11-21T09:30:00Z'), 120, 1);

describe('incident manifest', () => {
  it('places every incident at its documented offset before the end of the history', () => {
    const manifest = incidentManifest(spec);
    expect(manifest).toHaveLength(INCIDENTS.length);
    for (const [i, inc] of manifest.entries()) {
      const def = INCIDENTS[i];
      expect(inc.startMs).toBe(historyEnd(spec) - def.startDaysBeforeEnd * DAY_MS);
      expect(inc.endMs - inc.startMs).toBe(def.durationHours * HOUR_MS);
      expect(inc.end).toBe(new Date(inc.endMs).toISOString());
      expect(inc.direction).toBe(inc.magnitude > 0 ? 'up' : 'down');
      for (const e of inc.effects) expect(e.direction).toBe(e.magnitude > 0 ? 'up' : 'down');
    }
  });

  it('is plain JSON (machine-readable as it stands)', () => {
    const manifest = incidentManifest(spec);
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  });

  it('leaves out incidents that do not fit wholly in the history', () => {
    expect(incidentManifest(specEndingAt(Date.parse('2026-11-21T09:30:00Z'), 11, 1))).toEqual([]);
    expect(
      incidentManifest(specEndingAt(Date.parse('2026-11-21T09:30:00Z'), 12, 1)).map((i) => i.id),
    ).toEqual(['signup-completion-regression']);
  });

  it('scales a driver only for matching series and only during the incident', () => {
    const manifest = incidentManifest(spec);
    const meta = manifest.find((i) => i.id === 'meta-ctr-drop')!;
    const dims = { platform: 'meta', campaignId: 'retargeting' };
    expect(driverFactor(manifest, 'marketing.ctr', dims, meta.startMs)).toBe(0.6);
    expect(driverFactor(manifest, 'marketing.ctr', dims, meta.endMs - HOUR_MS)).toBe(0.6);
    expect(driverFactor(manifest, 'marketing.ctr', dims, meta.endMs)).toBe(1);
    expect(driverFactor(manifest, 'marketing.ctr', dims, meta.startMs - HOUR_MS)).toBe(1);
    expect(driverFactor(manifest, 'marketing.ctr', { platform: 'google' }, meta.startMs)).toBe(1);
    expect(driverFactor(manifest, 'marketing.cpc', dims, meta.startMs)).toBe(1);
  });

  it('matches dimensions as a subset', () => {
    expect(matches({}, { source: 'organic' })).toBe(true);
    expect(matches({ method: 'card' }, { method: 'card', plan: 'pro' })).toBe(true);
    expect(matches({ method: 'card' }, { method: 'paypal', plan: 'pro' })).toBe(false);
    expect(matches({ method: 'card' }, {})).toBe(false);
  });
});
