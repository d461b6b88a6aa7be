import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the web app and API (PGlite in ONCONET_DATA, or PostgreSQL at DATABASE_URL)')
    .option('--demo', 'on an empty database, load the demo network, one user per role and a synthetic population')
    .action(async (options: { demo?: boolean }) => {
      // Loaded on demand so that other commands start without the web server's dependencies.
      const { configFromEnv } = await import('@onconet/server/config');
      const { startServer } = await import('@onconet/server/start');
      const running = await startServer(configFromEnv(), { demo: options.demo === true });
      await new Promise<void>((resolve) => {
        const stop = () => {
          void running.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
