#!/usr/bin/env node
import module from 'node:module';

// Node.js 22.1+ keeps the code it compiled for dist/ on disk, so later runs start sooner; Node.js 20 has no such cache.
module.enableCompileCache?.();

const { main } = await import('../dist/main.js');
process.exitCode = await main();
