import { createDataFrame, FieldType } from '@grafana/data';
import { briefingFromFrames, briefingProse, markdownParagraphs } from './briefing';

const briefing = {
  weekStart: '2026-11-09T00:00:00Z',
  weekEnd: '2026-11-16T00:00:00Z',
  language: 'en' as const,
  text: '## Week of 9 November\n\nRevenue **fell 12%** on _Instagram_.\n\n- Move budget to `tiktok`\n- see [details](http://x)',
  keyNumbers: [{ label: 'Revenue', value: 120000, unit: 'currencyEUR', change: -0.12 }],
  topChanges: ['Revenue down'],
  risks: ['3 accounts critical'],
  actions: ['Move budget'],
};

describe('markdownParagraphs', () => {
  it('keeps the words of each block and drops the markup', () => {
    expect(markdownParagraphs(briefing.text)).toEqual([
      'Week of 9 November',
      'Revenue fell 12% on Instagram.',
      'Move budget to tiktok',
      'see details',
    ]);
  });
});

describe('briefingProse', () => {
  it('keeps the sentences and drops the headings and lists the panel draws from the fields', () => {
    expect(
      briefingProse(
        '# Weekly briefing: Week of 9 Nov\n\n## Key numbers\n\n- Revenue: 2,771,511 EUR\n- Ad spend: 894,212 EUR\n\n' +
          'Revenue held while **signups** fell.\nThe regression started on Monday.\n\n## Risks\n\n- 32 accounts at risk\n',
      ),
    ).toEqual(['Revenue held while signups fell. The regression started on Monday.']);
    expect(briefingProse('# Title\n\n## Top changes\n\n- nothing unusual\n')).toEqual([]);
  });
});

describe('briefingFromFrames', () => {
  it('reads the whole briefing from the frame meta', () => {
    const frame = createDataFrame({
      name: 'briefing',
      meta: { custom: { briefing } },
      fields: [
        { name: 'weekStart', type: FieldType.time, values: [Date.parse(briefing.weekStart)] },
        { name: 'text', type: FieldType.string, values: [briefing.text] },
      ],
    });
    const view = briefingFromFrames([frame]);
    expect(view?.keyNumbers).toEqual(briefing.keyNumbers);
    expect(view?.weekStart).toBe(Date.parse(briefing.weekStart));
    // The title and the list are drawn from the fields: the prose is what is left.
    expect(view?.paragraphs).toEqual(['Revenue fell 12% on Instagram.']);
  });

  it('falls back to the text field, and is null without a briefing', () => {
    const frame = createDataFrame({
      name: 'briefing',
      fields: [
        { name: 'weekStart', type: FieldType.time, values: [1000] },
        { name: 'text', type: FieldType.string, values: ['Calm week.'] },
        { name: 'language', type: FieldType.string, values: ['fr'] },
      ],
    });
    expect(briefingFromFrames([frame])).toMatchObject({
      paragraphs: ['Calm week.'],
      language: 'fr',
      keyNumbers: [],
    });
    expect(briefingFromFrames([])).toBeNull();
  });
});
