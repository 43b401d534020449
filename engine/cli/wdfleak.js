#!/usr/bin/env node
// wdfleak command line (the package's bin). The code is compiled into dist/ (`npm run build`, run by `npm ci` through `prepare`).
let cli;
try {
  cli = await import('../../dist/engine/cli/main.js');
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('main.js')) {
    process.stderr.write("wdfleak: not built: run 'npm run build' in the wdfleak folder first\n");
    process.exit(2);
  }
  throw err;
}
process.exitCode = await cli.main(process.argv.slice(2));
