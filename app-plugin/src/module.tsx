import React, { Suspense, lazy } from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';

// Loaded on first visit: module.js stays small, Grafana fetches it for every page load.
const LazyApp = lazy(() => import('./components/App'));

function AppRoot(props: AppRootProps) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading KPI Lens" />}>
      <LazyApp {...props} />
    </Suspense>
  );
}

export const plugin = new AppPlugin().setRootPage(AppRoot);
