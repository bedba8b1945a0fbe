// caregap valuesets import-fda-ndc (docs/fda-ndc-import.md): the FDA NDC Directory's product.txt and
// package.txt -> value-set rows. The fixture is in FDA's exact layout (tab-delimited, Latin-1,
// product.txt with CRLF), with the invented labeler 99999 only; every expected row is worked out by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadValueSets } from '../../pipeline/rules/loadValueSets.js';
import { importFdaNdc } from '../../pipeline/valuesets/importFdaNdc.js';
import { renderImportedValueSet } from '../../pipeline/valuesets/writeImportedValueSet.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'fda-ndc');
const source = 'FDA NDC Directory 2026-11-20';

// By hand from the fixture: one row per package NDC and value set, sorted by value set and code.
const expectedCsv = `value_set,code_system,code,display,ingredient,cover_days,strength,strength_unit,source,verified
calcium_supplement,NDC,99999011160,Calcium 500 (tablet),calcium carbonate,,1250,mg,${source},imported
calcium_supplement,NDC,99999012601,Citrate Plus D (tablet),calcium citrate,,950,mg,${source},imported
calcium_supplement,NDC,99999112001,Calcium + D (tablet),calcium carbonate,,1500,mg,${source},imported
osteoporosis_therapy,NDC,99999010104,Alendronate Sodium (tablet),alendronate,30,70,mg,${source},imported
osteoporosis_therapy,NDC,99999010144,Alendronate Sodium (tablet),alendronate,30,70,mg,${source},imported
osteoporosis_therapy,NDC,99999010330,"Ost\u00e9o Raloxifene (tablet, film coated)",raloxifene,30,60,mg,${source},imported
osteoporosis_therapy,NDC,99999010401,"Denosumab-qqqq (injection, solution)",denosumab,183,60,mg,${source},imported
osteoporosis_therapy,NDC,99999010601,"Zoledronic Acid (injection, solution)",zoledronic acid,365,0.05,mg,${source},imported
osteoporosis_therapy,NDC,99999010901,"Ibandronate Sodium Injection (injection, solution)",ibandronate,90,1,mg,${source},imported
osteoporosis_therapy,NDC,99999011001,"Ibandronate Sodium (tablet, film coated)",ibandronate,30,150,mg,${source},imported
osteoporosis_therapy,NDC,99999011801,Risedronate Sodium (tablet),risedronate,30,35,mg,${source},imported
osteoporosis_therapy,NDC,99999012201,"Teriparatide (injection, solution)",teriparatide,30,0.25,mg,${source},imported
osteoporosis_therapy,NDC,99999012801,"Romosozumab-qqqq (injection, solution)",romosozumab,30,89.74359,mg,${source},imported
osteoporosis_therapy,NDC,99999012901,Alendronic Acid (tablet),alendronate,30,70,mg,${source},imported
osteoporosis_therapy,NDC,99999102004,Alendro Plus D (tablet),alendronate,30,70,mg,${source},imported
vitamin_d_supplement,NDC,99999011301,"Ergocalciferol (capsule, liquid filled)",ergocalciferol,,50000,IU,${source},imported
vitamin_d_supplement,NDC,99999012501,D3 Drops (tablet),cholecalciferol,,1000,IU,${source},imported
vitamin_d_supplement,NDC,99999012601,Citrate Plus D (tablet),vitamin d,,200,IU,${source},imported
vitamin_d_supplement,NDC,99999102004,Alendro Plus D (tablet),cholecalciferol,,2800,IU,${source},imported
vitamin_d_supplement,NDC,99999112001,Calcium + D (tablet),cholecalciferol,,400,IU,${source},imported
vitamin_d_supplement,NDC,99999121001,Vitamin D3 (tablet),cholecalciferol,,1000,IU,${source},imported
`;

const imported = importFdaNdc({ fdaDir: fixture, releaseDate: '2026-11-20' });
const codesOf = (valueSet: string): string[] => imported.rows.filter((row) => row.valueSet === valueSet).map((row) => row.code);

describe('the fixture in FDA layout', () => {
  test('yields_exactly_the_rows_worked_out_by_hand', () => {
    expect(renderImportedValueSet(imported.rows, imported.source)).toBe(expectedCsv);
  });

  test('fixture_is_latin_1_with_a_non_ascii_byte', () => {
    const bytes = readFileSync(join(fixture, 'product.txt'));
    expect(bytes.includes(0xe9)).toBe(true); // é as one Latin-1 byte
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });

  test('pads_5_3_2_and_5_4_1_package_codes_to_5_4_2', () => {
    expect(codesOf('osteoporosis_therapy')).toContain('99999010104'); // 99999-101-04
    expect(codesOf('vitamin_d_supplement')).toContain('99999121001'); // 99999-1210-1
  });

  test('combination_alendronate_cholecalciferol_is_a_therapy_row_and_a_vitamin_d_row_with_each_strength', () => {
    const rows = imported.rows.filter((row) => row.code === '99999102004');
    expect(rows.map((row) => [row.valueSet, row.ingredient, row.strength, row.strengthUnit, row.coverDays])).toEqual([
      ['osteoporosis_therapy', 'alendronate', 70, 'mg', 30],
      ['vitamin_d_supplement', 'cholecalciferol', 2800, 'IU', null],
    ]);
  });

  test('vitamin_d_mass_converts_at_40_iu_per_microgram', () => {
    const strengthOf = (code: string): number | null => imported.rows.find((row) => row.valueSet === 'vitamin_d_supplement' && row.code === code)!.strength;
    expect(strengthOf('99999011301')).toBe(50_000); // ergocalciferol 1.25 mg
    expect(strengthOf('99999112001')).toBe(400); // cholecalciferol 10 ug
    expect(strengthOf('99999012501')).toBe(1000); // cholecalciferol .025 mg
  });

  test('oncology_denosumab_120_mg_and_zoledronic_acid_4_mg_are_left_out', () => {
    const therapy = codesOf('osteoporosis_therapy');
    for (const code of ['99999010501', '99999010701', '99999010801']) expect(therapy).not.toContain(code);
    expect(imported.stats.packagesLeftOut.oncology_strength).toBe(3);
  });

  test('active_vitamin_d_iv_calcium_homeopathy_unfinished_and_fda_excluded_products_are_left_out_and_counted', () => {
    expect(imported.stats.productsLeftOut).toEqual({
      product_type: 1, // BULK INGREDIENT alendronate
      excluded_by_fda: 1, // NDC_EXCLUDE_FLAG E on the product
      homeopathic: 1, // calcium carbonate 6 [hp_X]
      active_vitamin_d: 2, // calcitriol, paricalcitol
      calcium_not_oral: 1, // calcium gluconate IV
      other_ingredients: 1, // atorvastatin calcium
    });
    expect(imported.stats.packagesLeftOut).toEqual({ oncology_strength: 3, excluded_by_fda: 1, duplicate_ndc: 0 });
    const everyCode = imported.rows.map((row) => row.code);
    for (const code of ['99999011401', '99999013030', '99999011501', '99999011601', '99999011701', '99999011802', '99999011901', '99999012090']) {
      expect(everyCode).not.toContain(code);
    }
  });

  test('rows_that_cannot_be_read_are_reported_with_file_line_and_column', () => {
    const problems = imported.problems.map((problem) => `${problem.file.split('/').pop()}:${problem.line}:${problem.column ?? ''}`);
    expect(problems).toEqual([
      'package.txt:4:NDCPACKAGECODE', // 99999-10-1445 is 5-2-4
      'package.txt:9:', // a row with 4 of the 8 fields
      'package.txt:34:PRODUCTID', // no such product
      'product.txt:24:ACTIVE_NUMERATOR_STRENGTH', // two strengths for one substance
    ]);
    expect(imported.stats.productsRead).toBe(28);
    expect(imported.stats.packagesRead).toBe(33);
  });

  test('the_imported_file_loads_as_a_value_set_folder_as_is', async () => {
    const temp = makeTempDir();
    const db = await Db.open({ threads: 1 });
    try {
      writeFiles(temp.dir, { 'fda-ndc.csv': expectedCsv });
      const info = await loadValueSets(db, [temp.dir]);
      expect(info.version).toContain('+custom');
      const rows = await db.all<{ value_set: string; n: number }>(
        `select value_set, count(*)::integer as n from value_set_code
         where code_system = 'NDC' and verified = 'imported' group by all order by 1`,
      );
      expect(rows).toEqual([
        { value_set: 'calcium_supplement', n: 3 },
        { value_set: 'osteoporosis_therapy', n: 12 },
        { value_set: 'vitamin_d_supplement', n: 6 },
      ]);
    } finally {
      db.close();
      temp.cleanup();
    }
  });
});

describe('release date', () => {
  test('defaults_to_the_files_modification_date', () => {
    const result = importFdaNdc({ fdaDir: fixture });
    expect(result.source).toMatch(/^FDA NDC Directory \d{4}-\d{2}-\d{2}$/);
  });
});
