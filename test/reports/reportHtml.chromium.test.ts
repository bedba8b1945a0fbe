import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // As a reader sees it on a laptop: 1400 px wide.
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(url, { waitUntil: 'load' });

    const layout = await page.evaluate(() => {
      const content = document.body.getBoundingClientRect();
      const figures = [...document.querySelectorAll('figure.chart')].map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        // Every text of the chart (axis labels, titles, legends) must be inside the chart, and none cut with an ellipsis.
        const texts = [...(svg?.querySelectorAll('text') ?? [])].map((text) => ({ text: text.textContent ?? '', box: text.getBoundingClientRect() }));
        const outside = texts.filter((text) => box && text.text.trim() !== '' && (text.box.left < box.left - 1 || text.box.right > box.right + 1)).map((text) => text.text);
        const cut = texts.filter((text) => text.text.includes('…')).map((text) => text.text);
        return {
          id: figure.id,
          left: box?.left ?? 0,
          right: box?.right ?? 0,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('path, line, circle, rect').length ?? 0,
          outside,
          cut,
        };
      });
      const tables = [...document.querySelectorAll('table')].map((table) => ({
        caption: table.querySelector('caption')?.textContent ?? '',
        rows: table.querySelectorAll('tbody tr').length,
        height: table.getBoundingClientRect().height,
      }));
      const links = [...document.querySelectorAll('nav#contents a')].map((link) => {
        const href = link.getAttribute('href') ?? '';
        return { href, resolves: href.startsWith('#') && document.getElementById(decodeURIComponent(href.slice(1))) !== null };
      });
      return {
        figures,
        tables,
        links,
        title: document.title,
        contentLeft: content.left,
        contentRight: content.right,
        scrollWidth: document.documentElement.scrollWidth,
        viewportWidth: window.innerWidth,
        pageHeight: document.documentElement.scrollHeight,
      };
    });
    // Charts of every rule that has something to show; a p-chart needs a month whose rate is shown.
    const expectedCharts = [
      'chart-overview', 'chart-site-rates', 'chart-actionable', 'chart-time-untreated-12m',
      ...model.rules.flatMap((rule) => [
        `chart-strata-${rule.ruleId}`,
        ...(rule.spc.points.length > 0 ? [`chart-spc-${rule.ruleId}`] : []),
        ...(rule.quarters && rule.quarters.spc.points.length > 0 ? [`chart-spc-quarter-${rule.ruleId}`] : []),
      ]),
    ];
    expect(expectedCharts.length).toBeGreaterThanOrEqual(10);
    expect(layout.figures.map((figure) => figure.id).sort()).toEqual(expectedCharts.sort());
    // No horizontal scrolling, and every chart inside the page's content column, using most of it.
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewportWidth);
    const contentWidth = layout.contentRight - layout.contentLeft;
    for (const figure of layout.figures) {
      expect(figure.left, figure.id).toBeGreaterThanOrEqual(layout.contentLeft - 1);
      expect(figure.right, figure.id).toBeLessThanOrEqual(layout.contentRight + 1);
      expect(figure.width, figure.id).toBeGreaterThan(0.8 * (contentWidth - 48));
      expect(figure.height, figure.id).toBeGreaterThan(50);
      expect(figure.marks, figure.id).toBeGreaterThan(5);
      expect(figure.outside, `${figure.id}: text outside the chart`).toEqual([]);
      expect(figure.cut, `${figure.id}: text cut`).toEqual([]);
    }
    // A table of contents whose every link lands on an element of the page.
    expect(layout.links.length).toBeGreaterThanOrEqual(2 + model.rules.length * 4);
    expect(layout.links.filter((link) => !link.resolves)).toEqual([]);
    // The worklist is counts per site, not a 400,000 px list of patients.
    expect(layout.pageHeight).toBeLessThan(30_000);
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
    await page.evaluate(() => document.getElementById('sites')?.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS, 'report-sites.png') });
    await page.close();
  });
});
