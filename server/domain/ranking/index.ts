export * from './types';
export * from './skill-strength';
export * from './match-routes';
export * from './score-candidates';
export * from './explain-gaps';
export * from './top-k';
export * from './ranking-index';
export * from './compare-candidates';
