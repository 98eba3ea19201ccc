import { measureText } from '@grafana/ui';

/**
 * jsdom has no canvas, and @grafana/ui's Combobox sizes its menu with measureText, which keeps the first 2D
 * context it gets. This hands it one that estimates a width from the text length (about 0.55 em a
 * character, the Inter average), and only it: other canvas users still get jsdom's null context.
 */
export function primeTextMeasurement(): void {
  const original = HTMLCanvasElement.prototype.getContext;
  let fontPx = 14;
  const estimate = {
    set font(value: string) {
      fontPx = Number(/(\d+(?:\.\d+)?)px/.exec(value)?.[1] ?? 14);
    },
    measureText: (text: string) => ({ width: text.length * fontPx * 0.55 }),
  };
  HTMLCanvasElement.prototype.getContext = (() => estimate) as never;
  try {
    measureText('', 14);
  } finally {
    HTMLCanvasElement.prototype.getContext = original;
  }
}
