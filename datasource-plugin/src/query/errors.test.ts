import { connectionFailure, errorMessage } from './errors';

describe('errorMessage', () => {
  it('prefers the exporter ApiError message carried by the proxy response', () => {
    expect(errorMessage({ status: 401, data: { message: 'invalid API key' } })).toBe('401: invalid API key');
  });
  it('falls back to the error message, then the HTTP status', () => {
    expect(errorMessage(new Error('Network Error'))).toBe('Network Error');
    expect(errorMessage({ status: 502, statusText: 'Bad Gateway', data: {} })).toBe('502 Bad Gateway');
    expect(errorMessage('boom')).toBe('boom');
  });
});

describe('connectionFailure', () => {
  const url = 'http://kpilens:9470';
  it('says which check failed and what to do', () => {
    const unreachable = connectionFailure('reachability', url, { status: 502, statusText: 'Bad Gateway' });
    expect(unreachable.message).toMatch(
      /^Cannot reach the exporter at http:\/\/kpilens:9470 \(502 Bad Gateway\)/,
    );
    expect(unreachable.message).toContain("as Grafana's server sees it");
    expect(
      connectionFailure('authentication', url, { status: 401, data: { message: 'invalid' } }).message,
    ).toMatch(/refused the API key.*--scopes read/);
    expect(
      connectionFailure('authentication', url, { status: 403, data: { message: 'no' } }).message,
    ).toMatch(/may not read/);
    expect(connectionFailure('authentication', url, { status: 404 }).message).toMatch(
      /^API version mismatch/,
    );
    expect(connectionFailure('version', url, 'v2')).toEqual({
      status: 'error',
      message: expect.stringMatching(/serves API v2, this plugin needs v1/),
    });
  });
});
