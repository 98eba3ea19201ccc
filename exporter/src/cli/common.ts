import { Option, type Command } from 'commander';
import { ConfigError, describeSettings, loadConfig, type Config } from '../config';
import { loadModelCatalog } from '../models/catalog';

/** Flags shared by every command that touches the database or serves. */
export function withConfigFlags(cmd: Command, serve = false): Command {
  cmd
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL URL (env DATABASE_URL); default: embedded PGlite'),
    )
    .addOption(new Option('--data-dir <dir>', 'embedded database directory (env KPILENS_DATA_DIR)'))
    .addOption(new Option('--log-level <level>', 'log level (env KPILENS_LOG_LEVEL)'))
    .addOption(new Option('--models-dir <dir>', 'directory of KPI model files (env KPILENS_MODELS_DIR)'));
  if (serve)
    cmd
      .addOption(new Option('--host <host>', 'listen address (env KPILENS_HOST)'))
      .addOption(new Option('--port <port>', 'listen port (env KPILENS_PORT)'));
  cmd.addHelpText('after', `\nEnvironment:\n${describeSettings()}\n`);
  return cmd;
}

/** Config from env + flags; a bad value ends the process with the variable named and what was expected. */
export function configFrom(opts: Record<string, string | undefined>): Config {
  try {
    const config = loadConfig(process.env, {
      databaseUrl: opts.databaseUrl,
      dataDir: opts.dataDir,
      logLevel: opts.logLevel,
      host: opts.host,
      port: opts.port,
      modelsDir: opts.modelsDir,
    });
    // Model files are part of the configuration: a bad one is reported the same way, before any start.
    loadModelCatalog(config.modelsDir);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kpilens: invalid configuration: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Stops a long-running command cleanly on SIGINT/SIGTERM. */
export function onSignals(stop: () => Promise<void>): void {
  let done = false;
  const handler = (signal: string) => {
    if (done) return;
    done = true;
    process.stderr.write(`kpilens: ${signal} received, shutting down\n`);
    stop()
      .then(() => process.exit(0))
      .catch((err) => {
        process.stderr.write(`kpilens: shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}
