import pluginJson from './plugin.json';
import { APP_BASE_URL, pageOf, pageUrl } from './routes';

describe('routes', () => {
  it('builds page URLs under the app mount point', () => {
    expect(APP_BASE_URL).toBe('/a/kpilens-app');
    expect(pageUrl('risk')).toBe('/a/kpilens-app/risk');
  });

  it('matches every page plugin.json puts in the navigation', () => {
    const navPaths = pluginJson.includes.filter((i) => i.type === 'page').map((i) => i.path);
    expect(navPaths).toEqual([
      pageUrl('overview'),
      pageUrl('risk'),
      pageUrl('recommendations'),
      pageUrl('models'),
    ]);
  });

  it('maps app paths to their page, defaulting to the overview', () => {
    expect(pageOf('/a/kpilens-app/models')).toBe('models');
    expect(pageOf('/a/kpilens-app/risk/details')).toBe('risk');
    expect(pageOf('/a/kpilens-app')).toBe('overview');
    expect(pageOf('/a/kpilens-app/nope')).toBe('overview');
  });
});
