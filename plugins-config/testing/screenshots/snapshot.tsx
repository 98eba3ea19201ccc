import React from 'react';
import { render, within, type BoundFunctions, type queries } from '@testing-library/react';
import { createTheme, ThemeContext, type GrafanaTheme2 } from '@grafana/data';
import { GlobalStyles } from '@grafana/ui';

export type ThemeMode = 'light' | 'dark';
export const THEME_MODES: readonly ThemeMode[] = ['light', 'dark'];

export interface SnapshotOptions {
  theme: ThemeMode;
  width: number;
  height: number;
  /** Grafana's page background (app pages) or a panel's (panels, editors). Default: panel. */
  background?: 'canvas' | 'panel';
  /** The page's language (html lang). Default: en-US. */
  language?: string;
  /** Resolves once the scene shows what it should (e.g. `(s) => s.findByText('...')`). */
  ready?: (screen: BoundFunctions<typeof queries>) => Promise<unknown>;
}

export function themeOf(mode: ThemeMode): GrafanaTheme2 {
  return createTheme({ colors: { mode } });
}

/** Every rule emotion (and anything else) put into <style> elements of the jsdom document so far. */
function documentCss(): string {
  return Array.from(document.querySelectorAll('style'))
    .map((style) => {
      // emotion appends text nodes outside production; with insertRule ("speedy") the text is empty.
      if (style.textContent) {
        return style.textContent;
      }
      const rules = (style.sheet as CSSStyleSheet | null)?.cssRules ?? [];
      return Array.from(rules)
        .map((rule) => rule.cssText)
        .join('\n');
    })
    .join('\n');
}

function pageCss(
  theme: GrafanaTheme2,
  background: 'canvas' | 'panel',
  width: number,
  height: number,
): string {
  const bg = background === 'canvas' ? theme.colors.background.canvas : theme.colors.background.primary;
  return `
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body {
  background: ${bg};
  color: ${theme.colors.text.primary};
  /* Chromium on Debian picks no colour emoji for risk badges by itself. */
  font-family: ${theme.typography.fontFamily}, 'Noto Color Emoji';
  font-size: ${theme.typography.body.fontSize};
  line-height: ${theme.typography.body.lineHeight};
  -webkit-font-smoothing: antialiased;
}
#scene { width: ${width}px; height: ${height}px; overflow: hidden; padding: ${theme.spacing(1)}; }`;
}

/**
 * Renders a React element in jsdom under the given Grafana theme and returns a self-contained HTML page of
 * it: the rendered DOM and the CSS emotion generated for it, for a browser to draw. Scripts are not kept:
 * the picture is of the state jsdom reached (data loaded, `ready` satisfied).
 */
export async function renderSnapshot(element: React.ReactElement, options: SnapshotOptions): Promise<string> {
  const theme = themeOf(options.theme);
  const { container, unmount } = render(
    <ThemeContext.Provider value={theme}>
      {/* Grafana's own page CSS (resets, typography), as around any plugin in Grafana. */}
      <GlobalStyles />
      <div id="scene">{element}</div>
    </ThemeContext.Provider>,
  );
  try {
    if (options.ready) {
      await options.ready(within(container));
    }
    const body = container.innerHTML.replace(/<script\b[\s\S]*?<\/script>/gi, '');
    return [
      '<!doctype html>',
      `<html lang="${options.language ?? 'en-US'}" class="theme-${options.theme}"><head><meta charset="utf-8">`,
      `<style>${pageCss(theme, options.background ?? 'panel', options.width, options.height)}</style>`,
      `<style>${documentCss()}</style>`,
      `</head><body class="theme-${options.theme}">${body}</body></html>`,
    ].join('\n');
  } finally {
    unmount();
  }
}
