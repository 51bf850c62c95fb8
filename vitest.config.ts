import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

// Three tiers, one runner: unit (pure + components), db (the same suite on two engines), e2e (built app
// in Chromium); plus the bench files, on both engines too (npm run bench).
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['tests/unit/**/*.test.ts'],
            environment: 'happy-dom',
            // A timeout catches a hang, not slowness: a loaded 2-core machine takes several times
            // vitest's default 5 s for the tests that write hundreds of IndexedDB rows.
            testTimeout: 30_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'db-pglite',
            include: ['tests/db/**/*.test.ts'],
            environment: 'node',
            env: { DXP_DB_ENGINE: 'pglite' },
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'db-postgres',
            include: ['tests/db/**/*.test.ts'],
            environment: 'node',
            env: { DXP_DB_ENGINE: 'postgres' },
            globalSetup: ['tests/support/postgres-global-setup.ts'],
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'bench-pglite',
            include: ['tests/bench/**/*.bench.ts'],
            environment: 'node',
            env: { DXP_DB_ENGINE: 'pglite' },
            fileParallelism: false,
            testTimeout: 300_000,
            hookTimeout: 120_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'bench-postgres',
            include: ['tests/bench/**/*.bench.ts'],
            // *.local.bench.ts measure the device alone: once is enough.
            exclude: ['tests/bench/**/*.local.bench.ts'],
            environment: 'node',
            env: { DXP_DB_ENGINE: 'postgres' },
            globalSetup: ['tests/support/postgres-global-setup.ts'],
            fileParallelism: false,
            testTimeout: 300_000,
            hookTimeout: 120_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['tests/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['tests/e2e/support/global-setup.ts'],
            fileParallelism: false,
            testTimeout: 120_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  }),
)
