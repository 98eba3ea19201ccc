import pluginJson from './plugin.json';

/** Where Grafana mounts the app's pages (plugin.json `includes` paths start with it). */
export const APP_BASE_URL = `/a/${pluginJson.id}`;

export const PAGES = {
  overview: 'overview',
  risk: 'risk',
  recommendations: 'recommendations',
  models: 'models',
} as const;

export type PageId = keyof typeof PAGES;

export function pageUrl(page: PageId): string {
  return `${APP_BASE_URL}/${PAGES[page]}`;
}

/** The page of an app path such as `/a/kpilens-app/risk/...`; the overview for anything unknown. */
export function pageOf(path: string): PageId {
  const rest = path.startsWith(APP_BASE_URL) ? path.slice(APP_BASE_URL.length) : path;
  const segment = rest.split('/').filter(Boolean)[0];
  const found = (Object.keys(PAGES) as PageId[]).find((id) => PAGES[id] === segment);
  return found ?? 'overview';
}
