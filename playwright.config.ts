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
  // A fresh browser's first page load used to stall now and then (index.html shown, one
  // subresource never answered): the test server's HTTP library could leave a new connection
  // unanswered while others were kept alive. `xtask serve` now answers every connection on a
  // thread of its own (issue 15; xtask's serve tests hold it). A test that still fails once
  // in CI is retried and reported as flaky, so it stays visible in the output.
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
