import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProportion } from '../../reports/model/buildReportModel.js';
import type { ReportModel } from '../../reports/model/reportModel.js';
import { writeReports } from '../../reports/writeReports.js';
import { ensureChromium } from './fixtures/ensureChromium.js';
import { SAMPLE_RUN, sampleAttrition } from './fixtures/sampleRun.js';
import { withSampleDb } from './fixtures/withSampleDb.js';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const chromium = ensureChromium();
if (!chromium.path) console.warn(`SKIPPING report.html browser test: ${chromium.reason}`);

describe.skipIf(!chromium.path)('report.html in headless Chromium', () => {
  let dir: string;
  let profile: string;
  let browser: Browser;
  let model: ReportModel;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caregap-html-'));
    profile = await mkdtemp(join(tmpdir(), 'caregap-chromium-profile-'));
    model = await withSampleDb(async (db) =>
      writeReports(db, { outDir: dir, run: SAMPLE_RUN, minCell: 11, worklist: true, attrition: sampleAttrition(2000), supplementsVisible: false, arrowCopy: false }),
    );
    browser = await puppeteer.launch({
      executablePath: chromium.path!,
      headless: true,
      userDataDir: profile,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  });

  it('renders every chart and table, with no console error and no network request, and saves a screenshot', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${String(error)}`));
    page.on('request', (request) => requests.push(request.url()));
    page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
    const url = pathToFileURL(join(dir, 'report.html')).href;
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(url, { waitUntil: 'load' });

    const layout = await page.evaluate(() => {
      const figures = [...document.querySelectorAll('figure.chart')].map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { id: figure.id, width: box?.width ?? 0, height: box?.height ?? 0, marks: svg?.querySelectorAll('path, line, circle, rect').length ?? 0 };
      });
      const tables = [...document.querySelectorAll('table')].map((table) => ({
        caption: table.querySelector('caption')?.textContent ?? '',
        rows: table.querySelectorAll('tbody tr').length,
        height: table.getBoundingClientRect().height,
      }));
      return { figures, tables, title: document.title };
    });
    // Every rule has its strata chart; a run chart needs at least one month whose rate is shown.
    const expectedCharts = ['chart-overview', 'chart-time-untreated-12m', ...model.rules.flatMap((rule) => [
      `chart-strata-${rule.ruleId}`,
      ...(rule.indexMonths.some((row) => isProportion(row.gapRate)) ? [`chart-run-${rule.ruleId}`] : []),
    ])];
    expect(expectedCharts.length).toBeGreaterThanOrEqual(7);
    expect(layout.figures.map((figure) => figure.id).sort()).toEqual(expectedCharts.sort());
    for (const figure of layout.figures) {
      expect(figure.width, figure.id).toBeGreaterThan(100);
      expect(figure.height, figure.id).toBeGreaterThan(50);
      expect(figure.marks, figure.id).toBeGreaterThan(5);
    }
    expect(layout.tables.length).toBeGreaterThan(20);
    for (const table of layout.tables) {
      expect(table.rows, table.caption).toBeGreaterThan(0);
      expect(table.height, table.caption).toBeGreaterThan(20);
    }
    expect(layout.title).toContain(SAMPLE_RUN.asOf);
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-first-screen.png') });
    await page.evaluate(() => document.getElementById('rule-untreated-12m')?.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS, 'report-rule-a.png') });
    await page.close();
  });
});
