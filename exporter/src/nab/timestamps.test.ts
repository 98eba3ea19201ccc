import { parseNabTimestamp } from './timestamps';

describe('parseNabTimestamp', () => {
  it('reads data-file and label-file spellings of the same instant as equal', () => {
    expect(parseNabTimestamp('2014-04-10 07:15:00')).toBe(parseNabTimestamp('2014-04-10 07:15:00.000000'));
    expect(parseNabTimestamp('2014-04-10 07:15:00')).toBe(Date.UTC(2014, 3, 10, 7, 15, 0));
  });

  it('keeps milliseconds and wall-clock hour as UTC', () => {
    const t = parseNabTimestamp('2015-02-26 21:42:53.250000');
    expect(new Date(t).toISOString()).toBe('2015-02-26T21:42:53.250Z');
  });

  it('rejects anything else', () => {
    expect(() => parseNabTimestamp('26/02/2015 21:42')).toThrow(/not a NAB timestamp/);
  });
});
