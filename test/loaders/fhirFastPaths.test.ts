import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { createCanonicalSchema } from '../../pipeline/loaders/loadInputs.js';
import { fhirCodeSql, fhirNdcSql } from '../../pipeline/loaders/fhirCodes.js';
import { fhirDateProblemSql, fhirDateSql, fhirOpenEndDateProblemSql } from '../../pipeline/loaders/fhirDates.js';
import { fhirCodeSystemSql, fhirCodeSystems, notBlankSql, referenceIdSql } from '../../pipeline/loaders/fhirSql.js';

// The FHIR loaders read plain dates and `Patient/<id>` references through fast paths (fhirDates.ts,
// fhirSql.ts). A fast path may only ever give what the general expression gives, or a reject reason
// or a loaded value would change: these cases compare the two on every odd spelling we know of.
describe('FHIR fast paths give what the general expressions give', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open({ threads: 1 });
    await createCanonicalSchema(db, '2026-06-30');
  });
  afterAll(() => db.close());

  const values = (list: (string | null)[]): string =>
    list.map((value) => `(${value === null ? 'null' : `'${value.replaceAll("'", "''")}'`})`).join(', ');

  it('dates: plain, padded, short, with a time, out of range, impossible, blank', async () => {
    const dates = [
      '2022-07-06', '1900-01-01', '1899-12-31', '2026-06-30', '2026-07-01', '9999-12-31', '10000-01-01', '0202-07-06',
      '2022-7-6', ' 2022-07-06', '2022-07-06 ', '2022-07-06T10:00:00Z', '2022-07-06 10:00', '2022-02-30', '20220706',
      '2022/07/06', '2022-07-06x', '+2022-07-06', '', '  ', null,
    ];
    const rows = await db.all<Record<string, unknown>>(`
      select raw,
             ${fhirDateSql('raw')} as fast_date, cg_date(raw) as macro_date,
             ${fhirDateProblemSql('raw')} as fast_problem, cg_date_problem(raw) as macro_problem,
             ${fhirOpenEndDateProblemSql('raw')} as fast_open, cg_open_end_date_problem(raw) as macro_open
      from (values ${values(dates)}) as input(raw)`);
    expect(rows).toHaveLength(dates.length);
    for (const row of rows) {
      expect([row.raw, row.fast_date]).toEqual([row.raw, row.macro_date]);
      expect([row.raw, row.fast_problem]).toEqual([row.raw, row.macro_problem]);
      expect([row.raw, row.fast_open]).toEqual([row.raw, row.macro_open]);
    }
    // The cases cover both sides: accepted dates and each reject reason.
    expect(rows.find((row) => row.raw === '2022-07-06')?.fast_problem).toBeNull();
    expect(new Set(rows.map((row) => row.macro_problem))).toEqual(
      new Set([null, 'unparseable date', 'impossible date', 'implausible date: before 1900', 'implausible date: after 2026-06-30']),
    );
  });

  it('references: relative, absolute, versioned, urn:uuid, padded, empty, other types', async () => {
    const references = [
      'Patient/p1', 'Patient/p 1', 'Patient/p1/_history/2', 'http://example.org/fhir/Patient/p2', 'urn:uuid:p3', ' Patient/p1',
      'Patient/p1 ', 'Patient/', 'Patient//p1', 'patient/p1', 'Group/g1', 'Patient/Patient/p1', 'Patient/p1\t', '', null,
      'Patient/p1\u00A0', 'Patient/p1\u3000', 'Patient/\u00E9', 'Patient/p~', 'Patient/ ',
      // Not ASCII before a plain last character: the fast path's byte-counted last character misses, the regex reads it.
      'Patient/\u00E9x', 'Patient/x\u00E9\u00E9y', 'Patient/p1\u00A0x',
    ];
    const regexOnly = `coalesce(
        nullif(regexp_extract(trim(raw), '(?:^|/)Patient/([^/]+)', 1), ''),
        nullif(regexp_extract(trim(raw), '^urn:uuid:(.+)$', 1), ''))`;
    const rows = await db.all<{ raw: string | null; fast: string | null; general: string | null }>(`
      select raw, ${referenceIdSql('raw', 'Patient')} as fast, ${regexOnly} as general
      from (values ${values(references)}) as input(raw)`);
    expect(rows.map((row) => [row.raw, row.fast])).toEqual(rows.map((row) => [row.raw, row.general]));
    expect(rows.find((row) => row.raw === 'Patient/p1')?.fast).toBe('p1');
    expect(rows.find((row) => row.raw === 'Patient/p1/_history/2')?.fast).toBe('p1');
  });

  it('codes: dotted, dashed NDC in 5-4-2 and other layouts, spaces, tabs, lower case, blank', async () => {
    const codes = [
      'M80.08XA', 'm80.08xa', ' S32.010A ', 'M80 08XA', 'M80\t08XA', '99999-0101-01', '9999-101-1', '99999-101-01', '99999010101',
      ' 99999-0101-01', '99999-0101-0a', '12-45-6789-12', '99999--101-01', '99999-0101-011', '\u0661\u0662345-0101-01', '.-', '', null,
      '.', '..', 'M80..08XA.', 'M80.08Xa', '\uFF2D80.08', 'S32.010A\n', '99213', '99999-0101-01\t',
    ];
    const rows = await db.all<Record<string, string | null>>(`
      select raw, ${fhirCodeSql('raw')} as fast_code, cg_code(raw) as macro_code,
             ${fhirNdcSql('raw')} as fast_ndc, cg_ndc(raw) as macro_ndc
      from (values ${values(codes)}) as input(raw)`);
    expect(rows.map((row) => [row.raw, row.fast_code, row.fast_ndc])).toEqual(rows.map((row) => [row.raw, row.macro_code, row.macro_ndc]));
    expect(rows.find((row) => row.raw === '9999-101-1')?.fast_ndc).toBe('09999010101');
    expect(rows.find((row) => row.raw === '99999-0101-01')?.fast_ndc).toBe('99999010101');
  });

  it('blank tests and code-system lookups: spaces, tabs, non-breaking and wide spaces, padded URIs', async () => {
    const texts = [
      'M80.08XA', ' M80', 'M80 ', '\tM80', '\u00A0', '\u00A0M80', '\u3000', '~', '!', ' ', '  ', '', null, '\t', '\u00E9',
      'http://snomed.info/sct', ' http://snomed.info/sct ', 'http://snomed.info/sct\u00A0', 'http://loinc.org\t', 'HTTP://LOINC.ORG',
    ];
    const general = `case trim(raw) ${Object.entries(fhirCodeSystems).map(([uri, system]) => `when '${uri}' then '${system}'`).join(' ')} end`;
    const rows = await db.all<Record<string, unknown>>(`
      select raw, ${notBlankSql('raw')} as fast_blank, not cg_blank(raw) as macro_blank,
             ${fhirCodeSystemSql('raw')} as fast_system, ${general} as general_system
      from (values ${values(texts)}) as input(raw)`);
    expect(rows.map((row) => [row.raw, row.fast_blank, row.fast_system])).toEqual(rows.map((row) => [row.raw, row.macro_blank, row.general_system]));
    expect(rows.find((row) => row.raw === ' http://snomed.info/sct ')?.fast_system).toBe('SNOMED');
    expect(rows.find((row) => row.raw === '\u00A0')?.fast_blank).toBe(false);
  });
});
