#!/usr/bin/env node
// Runs a command with the database up and migrated: see src/cli/with-db.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/with-db.ts');
