#!/usr/bin/env node
// The `cordon` command. Cordon is written in TypeScript and run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
