export * from './app.ts';
export * from './start.ts';
