/*
 * Jest setup of every plugin (scaffolded by @grafana/create-plugin 7.1.7): jsdom lacks a few browser APIs
 * that @grafana/ui touches at import or render time.
 */

import '@testing-library/jest-dom';
import { TextEncoder, TextDecoder } from 'util';

Object.assign(global, { TextDecoder, TextEncoder });

// https://jestjs.io/docs/manual-mocks#mocking-methods-which-are-not-implemented-in-jsdom
Object.defineProperty(global, 'matchMedia', {
  writable: true,
  value: (query) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {}, // deprecated
    removeListener: () => {}, // deprecated
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

// `global` is jsdom's window here; canvas drawing is out of scope for unit tests.
global.HTMLCanvasElement.prototype.getContext = () => null;
