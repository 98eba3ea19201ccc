import type { Language } from '@kpilens/contract';

// Optional rewriting of the template texts by an OpenAI-compatible chat completions endpoint. The template
// stays the answer whenever the endpoint fails, is slow, or returns a text that drops one of its figures.

export interface LlmConfig {
  /** Base URL; the request goes to `${url}/chat/completions`. */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface Rewritten {
  text: string;
  /** true when the endpoint's text is used, false when the template is (no endpoint, error, timeout). */
  rewritten: boolean;
  /** why the template was kept, when an endpoint is configured */
  fallbackReason?: string;
}

const LANGUAGE_NAME: Record<Language, string> = { en: 'English', fr: 'French' };

/** Every figure of a text ("12.5", "1 234", "-3,4"), as digits only, so a rewrite must keep them all. */
export function figures(text: string): string[] {
  return (text.match(/\d+(?:[,.\u00a0\u202f ]\d{3})*(?:[.,]\d+)?/g) ?? []).map((f) =>
    f.replace(/[^\d]/g, ''),
  );
}

/** The writer of the exporter's configuration: rewrites only with KPILENS_LLM_URL and KPILENS_LLM_MODEL set. */
export function narrativeWriter(config: {
  llmUrl?: string;
  llmModel?: string;
  llmApiKey?: string;
  llmTimeoutMs: number;
}): NarrativeWriter {
  return new NarrativeWriter(
    config.llmUrl && config.llmModel
      ? {
          url: config.llmUrl,
          model: config.llmModel,
          apiKey: config.llmApiKey,
          timeoutMs: config.llmTimeoutMs,
        }
      : undefined,
  );
}

export class NarrativeWriter {
  constructor(private readonly config?: LlmConfig) {}

  get enabled(): boolean {
    return this.config !== undefined;
  }

  /** The text rewritten for an executive reader in `lang`, or the template itself. */
  async rewrite(text: string, lang: Language): Promise<Rewritten> {
    const c = this.config;
    if (!c || text.trim() === '') return { text, rewritten: false };
    try {
      const res = await fetch(`${c.url.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(c.apiKey ? { authorization: `Bearer ${c.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: c.model,
          temperature: 0,
          messages: [
            {
              role: 'system',
              content:
                `Rewrite the user's business KPI text in clear, concise ${LANGUAGE_NAME[lang]} for an executive. ` +
                'Keep every number, name and identifier exactly as written, keep Markdown structure, add no facts. ' +
                'Answer with the rewritten text only.',
            },
            { role: 'user', content: text },
          ],
        }),
        signal: AbortSignal.timeout(c.timeoutMs),
      });
      if (!res.ok) return { text, rewritten: false, fallbackReason: `endpoint answered ${res.status}` };
      const body = (await res.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
      const out = body.choices?.[0]?.message?.content;
      if (typeof out !== 'string' || out.trim() === '')
        return { text, rewritten: false, fallbackReason: 'no text in choices[0].message.content' };
      const kept = figures(out.replace(/\s+/g, ' '));
      const lost = figures(text).filter((f) => !kept.includes(f));
      if (lost.length > 0)
        return { text, rewritten: false, fallbackReason: `the rewrite dropped figure(s) ${lost.join(', ')}` };
      return { text: out.trim(), rewritten: true };
    } catch (err) {
      const reason =
        (err as { name?: unknown } | null)?.name === 'TimeoutError'
          ? `no answer within ${c.timeoutMs} ms`
          : String(err);
      return { text, rewritten: false, fallbackReason: reason };
    }
  }
}
