import type { Briefing } from '@kpilens/contract';
import type { DataFrame } from '@grafana/data';
import { frameReader, framesOf, str, time } from './fields';

export type BriefingView = Pick<Briefing, 'keyNumbers' | 'topChanges' | 'risks' | 'actions' | 'language'> & {
  weekStart: number | null;
  weekEnd: number | null;
  /** Paragraphs of the summary (Markdown emphasis and list markers removed; with the structured briefing,
   * only the prose its other fields do not already show). */
  paragraphs: string[];
};

const isBriefing = (v: unknown): v is Briefing =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Briefing).text === 'string' &&
  Array.isArray((v as Briefing).keyNumbers);

const HEADING = /^\s{0,3}#{1,6}\s+/;
const LIST_ITEM = /^\s{0,3}[-*+]\s+/;

function plain(text: string): string {
  return text
    .replace(/^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s?)/, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)(\S.*?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .trim();
}

/**
 * Markdown text as plain paragraphs: the panel draws text, not HTML, so nothing in it can inject markup. A
 * block's lines join into one paragraph; each list item is a paragraph of its own.
 */
export function markdownParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((block) => {
      const out: string[] = [];
      for (const line of block.split('\n')) {
        if (LIST_ITEM.test(line) || out.length === 0) {
          out.push(plain(line));
        } else {
          out[out.length - 1] = `${out[out.length - 1]} ${plain(line)}`.trim();
        }
      }
      return out;
    })
    .filter(Boolean);
}

/**
 * The prose of a briefing whose title, key numbers and lists the panel draws from their own fields: the
 * text without its headings and list items (the template briefing has none left; a rewritten one keeps
 * its sentences).
 */
export function briefingProse(text: string): string[] {
  return markdownParagraphs(
    text
      .split('\n')
      .filter((line) => !HEADING.test(line) && !LIST_ITEM.test(line))
      .join('\n'),
  );
}

/** The newest briefing among the frames (the datasource puts the whole briefing in meta.custom). */
export function briefingFromFrames(frames: DataFrame[]): BriefingView | null {
  const views = framesOf(frames, 'briefing', ['text', 'weekStart']).map((frame): BriefingView | null => {
    const full = frame.meta?.custom?.briefing;
    if (isBriefing(full)) {
      return {
        ...full,
        weekStart: time(full.weekStart),
        weekEnd: time(full.weekEnd),
        paragraphs: briefingProse(full.text),
      };
    }
    const r = frameReader(frame);
    if (r.length === 0) {
      return null;
    }
    const last = r.length - 1;
    return {
      language: str(r.value('language', last)) === 'fr' ? 'fr' : 'en',
      weekStart: time(r.value('weekStart', last)),
      weekEnd: time(r.value('weekEnd', last)),
      paragraphs: markdownParagraphs(str(r.value('text', last))),
      keyNumbers: [],
      topChanges: [],
      risks: [],
      actions: [],
    };
  });
  return (
    views
      .filter((v): v is BriefingView => v !== null)
      .sort((a, b) => (b.weekStart ?? 0) - (a.weekStart ?? 0))[0] ?? null
  );
}
