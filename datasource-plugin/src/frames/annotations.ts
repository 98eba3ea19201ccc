import type { AnnotationEvent, DataFrame } from '@grafana/data';

const SEVERITY_COLORS: Record<string, string> = { info: '#5794F2', warning: '#FF9830', critical: '#F2495C' };

/**
 * Annotation events from insights frames (insightsFrame): one region per insight from its start to its
 * resolution (or last sighting), its title and message, severity, model and type as tags.
 */
export function insightAnnotations(frames: DataFrame[]): AnnotationEvent[] {
  return frames
    .filter((f) => f.name === 'insights')
    .flatMap((frame) => {
      const field = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
      const [time, timeEnd, title, text, tags, severity, id] = [
        'time',
        'timeEnd',
        'title',
        'text',
        'tags',
        'severity',
        'id',
      ].map(field);
      return Array.from({ length: frame.length }, (_, i) => ({
        id: String(id[i]),
        time: time[i],
        timeEnd: timeEnd[i] ?? undefined,
        isRegion: timeEnd[i] !== null && timeEnd[i] !== undefined && timeEnd[i] > time[i],
        title: title[i],
        text: text[i],
        tags: tags[i],
        color: SEVERITY_COLORS[severity[i]],
      }));
    });
}
