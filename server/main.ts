/**
 * `npm start`: read the environment, find the clusters, serve the console. Configuration
 * mistakes end the process with one line on stderr and exit code 1 (no stack trace).
 */
import { createConsoleServer } from './app.ts';
import { KubeconfigError } from './clusters/kubeconfig.ts';
import { loadClusters } from './clusters/sources.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './log.ts';
import { AuthConfigError } from './clusters/signIn/authSettings.ts';
import { startSignIn } from './clusters/signIn/startSignIn.ts';

/** SIGTERM must end the process within 10 s even if something hangs. */
const SHUTDOWN_DEADLINE_MS = 9_000;

function fail(message: string): never {
  process.stderr.write(`console: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const log = createLogger({ level: config.logLevel });
  let clusters;
  try {
    clusters = await loadClusters(config, log);
  } catch (err) {
    if (err instanceof KubeconfigError) fail(err.message);
    throw err;
  }
  let signIn;
  try {
    signIn = startSignIn(config, clusters.registry, log);
  } catch (err) {
    if (err instanceof AuthConfigError) fail(err.message);
    throw err;
  }
  const consoleServer = createConsoleServer({ config, clusters: clusters.registry, log, signIn });
  let url: string;
  try {
    url = await consoleServer.listen();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    fail(`cannot listen on ${config.host}:${config.port}: ${e.code ?? e.message}`);
  }
  log.info('console listening', { url, auth: signIn.mode, contexts: clusters.registry.list().map((c) => c.name), current: clusters.registry.current });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    consoleServer
      .close()
      .then(() => clusters.close())
      .then(
        () => process.exit(0),
        (err: Error) => {
          log.error('shutdown failed', { err: err.message });
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: Error) => fail(`failed to start: ${err.message}`));
