import type { Insight, Language } from '@kpilens/contract';
import { evidenceFigures } from './evidence';
import { day, metricName, pct, relChange, where, withUnit } from './format';

export type InsightForText = Pick<Insight, 'type' | 'series' | 'evidence' | 'startedAt' | 'resolvedAt'> & {
  title?: string;
  message?: string;
};

/**
 * Title and message of an insight in a language, from its type, series and evidence (deterministic). The
 * English texts the analysis stored stay the reference; these are what the briefing and exports show.
 */
export function renderInsight(
  ins: InsightForText,
  lang: Language,
  unit?: string,
): { title: string; message: string } {
  const m = metricName(ins.series.metric, lang);
  const w = where(ins.series.dimensions, lang);
  const e = evidenceFigures(ins);
  // A learning's own texts name both KPIs; its evidence has no observed value.
  if (!e) return { title: ins.title ?? `${m} (${w})`, message: ins.message ?? '' };
  const ev = ins.evidence as unknown as { lower?: number; upper?: number };
  const up = e.direction === 'up';
  const o = withUnit(e.observed, unit, lang);
  const x = withUnit(e.expected, unit, lang);
  const ch = relChange(e.observed, e.expected);
  const chs = ch === null ? '' : ` (${pct(ch, lang)})`;
  const since = day(ins.startedAt, lang);
  const ongoing =
    ins.resolvedAt === null
      ? lang === 'fr'
        ? 'toujours en cours'
        : 'still going on'
      : lang === 'fr'
        ? `terminé le ${day(ins.resolvedAt, lang)}`
        : `over on ${day(ins.resolvedAt, lang)}`;
  const fr = lang === 'fr';
  const range =
    typeof ev.lower === 'number' && typeof ev.upper === 'number'
      ? fr
        ? ` (plage normale de ${withUnit(ev.lower, unit, lang)} à ${withUnit(ev.upper, unit, lang)})`
        : ` (normal range ${withUnit(ev.lower, unit, lang)} to ${withUnit(ev.upper, unit, lang)})`
      : '';
  switch (ins.type) {
    case 'peer_outlier':
      return {
        title: fr ? `${m} de ${w} s’écarte de ses pairs` : `${m} of ${w} departs from its peers`,
        message: fr
          ? `${m} à ${o} alors qu’une évolution comme celle de ses pairs donnerait ${x}${chs}, depuis le ${since} ; ${ongoing}.`
          : `${m} at ${o} where moving like its peers would give ${x}${chs}, since ${since}; ${ongoing}.`,
      };
    case 'trend_change':
      return {
        title: fr
          ? `La tendance de ${m} (${w}) s’oriente à la ${up ? 'hausse' : 'baisse'}`
          : `${m} trend turned ${up ? 'up' : 'down'} (${w})`,
        message: fr
          ? `${m} à ${o} alors que la tendance précédente menait à ${x}${chs}, depuis le ${since} ; ${ongoing}.`
          : `${m} at ${o} where the earlier trend pointed to ${x}${chs}, since ${since}; ${ongoing}.`,
      };
    case 'target_risk':
      return {
        title: fr ? `${m} (${w}) risque de manquer son objectif` : `${m} (${w}) projected to miss its target`,
        message: fr
          ? `Prévision de ${o} pour un objectif de ${x}${chs} ; ${ongoing}.`
          : `Forecast of ${o} against a target of ${x}${chs}; ${ongoing}.`,
      };
    default:
      return {
        title: fr
          ? `${m} ${up ? 'au-dessus' : 'en dessous'} de sa plage attendue (${w})`
          : `${m} ${up ? 'above' : 'below'} its expected range (${w})`,
        message: fr
          ? `${m} à ${o} alors que ${x} était attendu${range}${chs}, depuis le ${since} ; ${ongoing}.`
          : `${m} at ${o} where ${x} was expected${range}${chs}, since ${since}; ${ongoing}.`,
      };
  }
}
