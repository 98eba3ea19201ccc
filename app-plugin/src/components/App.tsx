import React from 'react';
import type { AppRootProps } from '@grafana/data';
import { Overview } from '../pages/Overview';
import { pageOf } from '../routes';

/** The app's root: picks the page for Grafana's current app path (one page so far). */
export default function App({ path }: AppRootProps) {
  switch (pageOf(path)) {
    case 'overview':
      return <Overview />;
  }
}
