import React from 'react';
import { OrgRole, type AppPlugin } from '@grafana/data';
import { config, setBackendSrv } from '@grafana/runtime';
import { proxyBackendSrv } from '../../../plugins-config/testing/proxy-backend-srv';
import { demoExporter } from '../../../plugins-config/testing/screenshots/demo';
import type { SceneContext } from '../../../plugins-config/testing/screenshots/scene';
import { primeTextMeasurement } from '../../../datasource-plugin/src/testing/measure-text';
import { appRootProps } from '../test-utils/app-root-props';

/** An app page of the built plugin reading the demo exporter through a stand-in of Grafana's proxy. */
export async function appPage(ctx: SceneContext, page: string, query: Record<string, string> = {}) {
  primeTextMeasurement();
  const exporter = await demoExporter(ctx);
  setBackendSrv(
    proxyBackendSrv({
      proxyUrl: '/api/datasources/proxy/uid/kpl',
      routes: { exporter: { url: exporter.url, headers: { Authorization: `Bearer ${exporter.key}` } } },
    }).backendSrv,
  );
  config.bootData.user.orgRole = OrgRole.Editor;
  const plugin = ctx.loadPlugin('app-plugin').plugin as AppPlugin;
  return {
    exporter,
    element: React.createElement(
      plugin.root!,
      appRootProps(`/a/kpilens-app/${page}`, { datasourceUid: 'kpl' }, query),
    ),
  };
}
