// Playwright end-to-end tests against the release build that `cargo xtask test` serves.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: './target/playwright',
  timeout: 60_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // Since the split build, a fresh browser's first page load has been seen to stall now and
  // then (index.html shown, its subresources never finishing, no load event) in local runs;
  // not understood yet (issue 15's note). The global setup loads the app once first and
  // logs where a stalled load stuck. A stalled test is retried once in CI and reported as
  // flaky, so it stays visible in the output.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  // A lazily loaded part of the app (a wasm chunk) has been seen to take over the default
  // 5 s to show under the load of a CI run (two browsers, each also precaching the build in
  // its service worker): assertions wait up to 10 s. Speed is measured by the benchmarks.
  expect: { timeout: 10_000 },
  use: {
    // In CI a first attempt that fails keeps its trace (network included) in
    // target/playwright, so a stalled request can be seen after the run.
    trace: process.env.CI ? 'retain-on-first-failure' : 'off',
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:8080',
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      // Debian's Chromium: the machines cannot download Playwright's own browser build.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
