import { PointsQuery, type PointsResult } from '@kpilens/contract';
import { Value } from '@sinclair/typebox/value';
import { dateTime, FieldType, type TimeRange } from '@grafana/data';
import { errorMessage, isRunnable, pointsQueryParams, pointsResultToFrames } from './exporter-query';

const from = dateTime('2026-03-01T00:00:00Z');
const to = dateTime('2026-03-02T00:00:00Z');
const range: TimeRange = { from, to, raw: { from: 'now-1d', to: 'now' } };

describe('isRunnable', () => {
  it('needs a model and a metric and a visible query', () => {
    expect(isRunnable({ refId: 'A', model: 'marketing', metric: 'ctr' })).toBe(true);
    expect(isRunnable({ refId: 'A', model: 'marketing' })).toBe(false);
    expect(isRunnable({ refId: 'A', model: ' ', metric: 'ctr' })).toBe(false);
    expect(isRunnable({ refId: 'A', model: 'marketing', metric: 'ctr', hide: true })).toBe(false);
  });
});

describe('pointsQueryParams', () => {
  it('builds a query string the exporter contract accepts', () => {
    const params = pointsQueryParams(
      { refId: 'A', model: ' sales ', metric: 'revenue' },
      range,
      60_000.4,
      800,
    );
    expect(params).toEqual({
      model: 'sales',
      metric: 'revenue',
      from: String(from.valueOf()),
      to: String(to.valueOf()),
      aggregation: 'avg',
      intervalMs: 60_000,
      maxDataPoints: 800,
    });
    expect(Value.Check(PointsQuery, params)).toBe(true);
  });

  it('keeps the chosen aggregation and never asks for buckets under one second', () => {
    const params = pointsQueryParams(
      { refId: 'A', model: 'm', metric: 'x', aggregation: 'p95' },
      range,
      20,
      undefined,
    );
    expect(params.aggregation).toBe('p95');
    expect(params.intervalMs).toBe(1000);
    expect(params).not.toHaveProperty('maxDataPoints');
    expect(Value.Check(PointsQuery, params)).toBe(true);
  });
});

describe('pointsResultToFrames', () => {
  const result: PointsResult = {
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-02T00:00:00.000Z',
    intervalMs: 3_600_000,
    aggregation: 'avg',
    source: 'rollup_1h',
    truncated: false,
    series: [
      {
        id: 7,
        model: 'marketing',
        metric: 'ctr',
        dimensions: { platform: 'instagram' },
        points: [
          [1, 0.5],
          [2, 0.25],
        ],
      },
      { id: 8, model: 'marketing', metric: 'ctr', dimensions: { platform: 'tiktok' }, points: [] },
    ],
  };

  it('makes one time series frame per exporter series, dimensions as labels', () => {
    const frames = pointsResultToFrames(result, 'B');
    expect(frames).toHaveLength(2);
    const [first, second] = frames;
    expect(first.refId).toBe('B');
    expect(first.name).toBe('marketing.ctr');
    expect(first.length).toBe(2);
    expect(first.fields.map((f) => f.type)).toEqual([FieldType.time, FieldType.number]);
    expect(first.fields[0].values).toEqual([1, 2]);
    expect(first.fields[1].values).toEqual([0.5, 0.25]);
    expect(first.fields[1].labels).toEqual({ platform: 'instagram' });
    expect(first.meta?.custom).toEqual({ seriesId: 7, source: 'rollup_1h', aggregation: 'avg' });
    expect(second.length).toBe(0);
  });
});

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
