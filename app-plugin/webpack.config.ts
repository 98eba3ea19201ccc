// The one shared plugin build (plugins-config/), run from this folder by `npm run build`.
import { createWebpackConfig, type Env } from '../plugins-config/webpack/webpack.config.ts';

export default (env: Env) => createWebpackConfig(env);
