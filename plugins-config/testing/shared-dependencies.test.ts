import { externals } from '../bundler/externals';
import { SHARED_DEPENDENCIES, sharedDependencyPackage } from './shared-dependencies';

describe('shared dependencies', () => {
  it('supplies every module the shared webpack build leaves external', () => {
    const names = (externals as unknown[]).filter((e): e is string => typeof e === 'string');
    // AngularJS support is gone from Grafana 12; the scaffold still lists it, no plugin here may import it.
    const unsupplied = names.filter((name) => name !== 'angular' && !sharedDependencyPackage(name));
    expect(unsupplied).toEqual([]);
    expect(names).toContain('react');
  });

  it('maps react-router to the React Router v6 that Grafana exposes', () => {
    expect(SHARED_DEPENDENCIES['react-router']).toBe('react-router-dom-v5-compat');
  });

  it('supplies nothing else, not even inherited object keys', () => {
    expect(sharedDependencyPackage('left-pad')).toBeUndefined();
    expect(sharedDependencyPackage('toString')).toBeUndefined();
    expect(sharedDependencyPackage('app/core/config')).toBeUndefined();
  });
});
