import React from 'react';
import { useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { tv } from '../../i18n';
import { formatChange, formatDay, formatKeyNumber } from '../../format';
import type { BriefingView } from '../../transforms/briefing';
import { getStyles } from './styles';

interface Props {
  briefing: BriefingView;
  showKeyNumbers: boolean;
}

/** The weekly executive briefing as readable text, with its key numbers. */
export function ExecutiveBriefing({ briefing, showKeyNumbers }: Props) {
  const styles = useStyles2(getStyles);
  const sections = [
    { title: t('panel.briefing.changes', 'Top changes'), items: briefing.topChanges },
    { title: t('panel.briefing.risks', 'Risks'), items: briefing.risks },
    { title: t('panel.briefing.actions', 'Recommended actions'), items: briefing.actions },
  ].filter((s) => s.items.length > 0);

  return (
    <article className={styles.article} lang={briefing.language}>
      <h3 className={styles.heading}>
        {tv('panel.briefing.week', 'Week of {{from}} to {{to}}', {
          from: formatDay(briefing.weekStart),
          // weekEnd is the first instant after the week: its last day is the one before.
          to: formatDay(briefing.weekEnd === null ? null : briefing.weekEnd - 86_400_000),
        })}
      </h3>
      {showKeyNumbers && briefing.keyNumbers.length > 0 && (
        <dl className={styles.numbers} aria-label={t('panel.briefing.key-numbers', 'Key numbers')}>
          {briefing.keyNumbers.map((k) => (
            <div key={k.label} className={styles.number}>
              <dt className={styles.numberLabel}>{k.label}</dt>
              <dd className={styles.numberValue}>
                {formatKeyNumber(k.value, k.unit)}{' '}
                {k.change !== null && <Change change={k.change} goodDirection={k.goodDirection} />}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {briefing.paragraphs.map((p, i) => (
        <p key={i} className={styles.paragraph}>
          {p}
        </p>
      ))}
      {sections.length > 0 && (
        <div className={styles.sections}>
          {sections.map((s) => (
            <section key={s.title}>
              <h4 className={styles.sectionTitle}>{s.title}</h4>
              <ul className={styles.sectionList}>
                {s.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </article>
  );
}

/**
 * The weekly change, coloured by whether it is good news for this figure (a falling failure rate is), and
 * said in words too: colour alone is not enough.
 */
function Change({ change, goodDirection }: { change: number; goodDirection?: 'up' | 'down' }) {
  const styles = useStyles2(getStyles);
  const verdict =
    goodDirection === undefined || change === 0
      ? 'neutral'
      : change > 0 === (goodDirection === 'up')
        ? 'better'
        : 'worse';
  const label = {
    better: t('panel.briefing.change-better', 'better than the previous week'),
    worse: t('panel.briefing.change-worse', 'worse than the previous week'),
    neutral: t('panel.briefing.change', 'change against the previous week'),
  }[verdict];
  return (
    <span className={styles[verdict]} aria-label={label} title={label}>
      {formatChange(change)}
    </span>
  );
}
