import { useEffect, useState } from 'react';
import { apiError } from './exporter-api';

export interface Loaded<T> {
  value?: T;
  error?: string;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `key` (a string naming its inputs) changes or `reload` is called; keeps the last
 * value or error. Loading is derived: the answer for the current key has not arrived yet.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ key?: string; value?: T; error?: string }>({});
  const [round, setRound] = useState(0);
  const current = `${key}#${round}`;
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ key: current, value }),
      (err) => live && setState((s) => ({ key: current, value: s.value, error: apiError(err) })),
    );
    return () => {
      live = false;
    };
    // `load` is a new function each render; `current` names everything it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);
  return {
    value: state.value,
    error: state.error,
    loading: state.key !== current,
    reload: () => setRound((r) => r + 1),
  };
}
