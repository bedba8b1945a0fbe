import { describe, expect, it } from 'vitest';
import { siteFileNames } from '../../pipeline/worklist/siteFileNames.js';

const files = (sites: Array<string | null>): string[] => siteFileNames(sites).map((entry) => entry.file);

describe('siteFileNames', () => {
  it('keeps letters, digits, dot, underscore and dash, and turns every other run into one dash', () => {
    expect(files(['site_1', 'St. Mary\'s Hospital', 'a  /  b'])).toEqual(['site-site_1.csv', 'site-St.-Mary-s-Hospital.csv', 'site-a-b.csv']);
  });

  it('cannot leave the folder or hide the file', () => {
    expect(files(['../../etc/passwd', '.hidden', 'C:\\Windows'])).toEqual(['site-etc-passwd.csv', 'site-hidden.csv', 'site-C-Windows.csv']);
  });

  it('drops accents and names a site of symbols only by its hash', () => {
    const [accented, symbols] = files(['Hôpital Saint-Éloi', '★★★']);
    expect(accented).toBe('site-Hopital-Saint-Eloi.csv');
    expect(symbols).toMatch(/^site-[0-9a-f]{12}\.csv$/);
  });

  it('gives clashing names (case ignored, for macOS and Windows) a numbered suffix in input order', () => {
    expect(files(['North East', 'North/East', 'north-east'])).toEqual(['site-North-East.csv', 'site-North-East-2.csv', 'site-north-east-3.csv']);
  });

  it('sends persons without a site to no-site.csv, which no site name can take', () => {
    expect(files(['no-site', null])).toEqual(['site-no-site.csv', 'no-site.csv']);
  });

  it('shortens very long names to 60 characters', () => {
    const [long] = files(['x'.repeat(300)]);
    expect(long).toBe(`site-${'x'.repeat(60)}.csv`);
  });
});
