import { lastOfEachId } from './write-ledger';

describe('lastOfEachId', () => {
  it('keeps the last row of each id, in file order', () => {
    const row = (line: number, id: string) => ({
      line,
      row: { id, name: null, openedAt: 0, creditLimit: line },
    });
    const kept = lastOfEachId([row(2, 'a'), row(3, 'b'), row(4, 'a'), row(5, 'c'), row(6, 'b')]);
    expect(kept.map((r) => r.line)).toEqual([4, 5, 6]);
  });
});
