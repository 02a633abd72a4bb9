export * from './enums';
export * from './auth';
export * from './organizations';
export * from './candidates';
export * from './outbox';
export * from './audit';
export * from './search';
