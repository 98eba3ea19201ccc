// react-inlinesvg for screenshots: @grafana/ui's Icon asks for `public/build/img/icons/<set>/<name>.svg`,
// which Grafana's server serves from the very files @grafana/ui ships; read them from node_modules so the
// pictures show real icons without a server.
import fs from 'fs';
import path from 'path';
import React from 'react';

const ICONS_DIR = path.join(
  path.dirname(require.resolve('@grafana/ui/package.json')),
  'dist',
  'public',
  'img',
  'icons',
);

interface Props extends Omit<React.SVGProps<SVGSVGElement>, 'onLoad' | 'onError'> {
  src: string;
  title?: string;
  innerRef?: React.Ref<SVGSVGElement>;
  loader?: React.ReactNode;
  onLoad?: unknown;
  onError?: unknown;
}

function readIcon(src: string): { viewBox: string; inner: string } | null {
  const match = /([^/]+)\/([^/]+\.svg)$/.exec(src);
  const file = match && path.join(ICONS_DIR, match[1], match[2]);
  if (!file || !fs.existsSync(file)) {
    return null;
  }
  const svg = fs.readFileSync(file, 'utf8');
  return {
    viewBox: /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 24 24',
    inner: svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, ''),
  };
}

export default function InlineSVG({
  src,
  title,
  innerRef,
  loader: _loader,
  onLoad: _l,
  onError: _e,
  ...rest
}: Props) {
  const icon = readIcon(src);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      {...rest}
      ref={innerRef}
      viewBox={icon?.viewBox ?? '0 0 24 24'}
      dangerouslySetInnerHTML={{ __html: `${title ? `<title>${title}</title>` : ''}${icon?.inner ?? ''}` }}
    />
  );
}
