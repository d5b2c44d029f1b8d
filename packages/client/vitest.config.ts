import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@zatten/db/testing/global-setup'],
    // The installed-package test packs, installs from the registry and compiles: minutes at worst.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
