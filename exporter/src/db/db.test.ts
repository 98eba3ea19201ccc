import { isUnavailableError } from './db';

describe('isUnavailableError', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }],
    [{ code: '53300', message: 'sorry, too many clients already' }],
    [{ code: '08006' }],
    [new Error('Connection terminated unexpectedly')],
    [new Error('timeout exceeded when trying to connect')],
  ])('answers 503 for %o', (err) => expect(isUnavailableError(err)).toBe(true));

  it.each([
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }],
    [{ code: '42P01', message: 'relation "x" does not exist' }],
    [new Error('boom')],
    [null],
    ['text'],
  ])('answers 500 for %o', (err) => expect(isUnavailableError(err)).toBe(false));
});
