import React, { Suspense, lazy } from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';
import type { AppSettings } from './api/exporter-api';
import { initTranslations } from './i18n';
import { AppConfig } from './pages/AppConfig/AppConfig';

initTranslations();

// Loaded on first visit: module.js stays small, Grafana fetches it for every page load.
const LazyApp = lazy(() => import('./components/App'));

function AppRoot(props: AppRootProps<AppSettings>) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading KPI Lens" />}>
      <LazyApp {...props} />
    </Suspense>
  );
}

export const plugin = new AppPlugin<AppSettings>().setRootPage(AppRoot).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  id: 'configuration',
  body: AppConfig,
});
