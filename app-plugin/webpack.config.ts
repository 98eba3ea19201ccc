// The one shared plugin build (plugins-config/), run from this folder by `npm run build`, plus the
// dashboards the app includes (plugin.json `includes`): the generated ones of provisioning/, copied into
// dist/dashboards/ at build time so there is no second copy to keep in step (package.json
// `kpilens.includedDashboards` names the folder; the dist tests' staleness check reads it too).
import CopyWebpackPlugin from 'copy-webpack-plugin';
import fs from 'fs';
import path from 'path';
import { createWebpackConfig, type Env } from '../plugins-config/webpack/webpack.config.ts';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
const dashboards = path.resolve(__dirname, pkg.kpilens.includedDashboards);

export default async (env: Env) => {
  const config = await createWebpackConfig(env);
  config.plugins = [
    ...(config.plugins ?? []),
    new CopyWebpackPlugin({
      patterns: [{ from: '*.json', context: dashboards, to: 'dashboards/[name][ext]' }],
    }),
  ];
  return config;
};
