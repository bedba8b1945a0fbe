// The pieces of the FDA NDC import: NDC shapes, ingredient names, strengths and units.
import { describe, expect, test } from 'vitest';
import { ingredientName } from '../../pipeline/valuesets/ingredientName.js';
import { normaliseNdc } from '../../pipeline/valuesets/normaliseNdc.js';
import { isOncologyPackage } from '../../pipeline/valuesets/oncologyStrength.js';
import { milligramsPerDoseUnit, parseStrength, vitaminDUnitsPerDoseUnit, type Strength } from '../../pipeline/valuesets/parseStrength.js';
import { decodeFdaText } from '../../pipeline/valuesets/fdaTextFile.js';

const strength = (amount: string, unit: string): Strength => {
  const parsed = parseStrength(amount, unit);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed;
};

describe('normaliseNdc', () => {
  test('4_4_2_gets_a_leading_zero_in_the_labeler', () => {
    // The checked example of docs/codes.md (a real NDC already shipped, not invented).
    expect(normaliseNdc('0093-5171-44')).toBe('00093517144');
  });
  test('5_3_2_gets_a_leading_zero_in_the_product', () => expect(normaliseNdc('99999-123-45')).toBe('99999012345'));
  test('5_4_1_gets_a_leading_zero_in_the_package', () => expect(normaliseNdc('99999-1234-5')).toBe('99999123405'));
  test('other_shapes_are_not_guessed', () => {
    for (const code of ['99999-12-3456', '9999912345', '99999-1234-56', '9999-123-45', '99999-12a-45', '']) expect(normaliseNdc(code)).toBeNull();
  });
});

describe('ingredientName', () => {
  const known = new Set(['alendronate', 'raloxifene', 'zoledronic acid', 'denosumab', 'risedronate', 'cholecalciferol']);
  test('salts_and_hydrates_are_dropped', () => {
    expect(ingredientName('ALENDRONATE SODIUM', known)).toBe('alendronate');
    expect(ingredientName('RALOXIFENE HYDROCHLORIDE', known)).toBe('raloxifene');
    expect(ingredientName('RISEDRONATE SODIUM HEMIPENTAHYDRATE', known)).toBe('risedronate');
  });
  test('calcium_salts_stay_what_they_are', () => {
    expect(ingredientName('CALCIUM CARBONATE', known)).toBe('calcium carbonate');
    expect(ingredientName('CALCIUM ACETATE', known)).toBe('calcium acetate');
  });
  test('biosimilar_suffix_acid_and_anion_spellings_are_reconciled', () => {
    expect(ingredientName('DENOSUMAB-BBDZ', known)).toBe('denosumab');
    expect(ingredientName('ALENDRONIC ACID', known)).toBe('alendronate');
    expect(ingredientName('ZOLEDRONIC ACID MONOHYDRATE', known)).toBe('zoledronic acid');
    expect(ingredientName('VITAMIN D3', known)).toBe('cholecalciferol');
  });
});

describe('strengths', () => {
  test('fda_units_parse_into_amount_per_dose_unit', () => {
    expect(strength('70', 'mg/1')).toEqual({ amount: 70, unit: 'mg', per: 1, perUnit: '1' });
    expect(strength('2.5', 'mg/.5mL')).toEqual({ amount: 2.5, unit: 'mg', per: 0.5, perUnit: 'ml' });
    expect(strength('2800', '[iU]/1')).toEqual({ amount: 2800, unit: 'iu', per: 1, perUnit: '1' });
    expect(strength('1', 'g/L')).toEqual({ amount: 1, unit: 'g', per: 1000, perUnit: 'ml' });
    expect(strength('400', '[iU]/{actuat}')).toEqual({ amount: 400, unit: 'iu', per: 1, perUnit: 'actuat' });
  });
  test('unreadable_amounts_and_units_are_problems', () => {
    expect(parseStrength('seventy', 'mg/1')).toEqual({ problem: 'strength "seventy" is not a number' });
    expect(parseStrength('70', 'mg')).toHaveProperty('problem');
  });
  test('mass_converts_to_mg_per_dose_unit', () => {
    expect(milligramsPerDoseUnit(strength('60', 'mg/1.5mL'))).toBe(40);
    expect(milligramsPerDoseUnit(strength('620', 'ug/2.48mL'))).toBe(0.25);
    expect(milligramsPerDoseUnit(strength('3', '[iU]/1'))).toBeNull();
  });
  test('vitamin_d_is_40_iu_per_microgram', () => {
    expect(vitaminDUnitsPerDoseUnit(strength('1.25', 'mg/1'))).toBe(50_000);
    expect(vitaminDUnitsPerDoseUnit(strength('25', 'ug/1'))).toBe(1000);
    expect(vitaminDUnitsPerDoseUnit(strength('8000', '[iU]/mL'))).toBe(8000);
    expect(vitaminDUnitsPerDoseUnit(strength('5', 'meq/1'))).toBeNull();
  });
  test('oncology_dose_per_container', () => {
    expect(isOncologyPackage('denosumab', strength('120', 'mg/1.7mL'), '')).toBe(true);
    expect(isOncologyPackage('denosumab', strength('60', 'mg/mL'), '1 SYRINGE in 1 CARTON (99999-104-01)  > 1 mL in 1 SYRINGE')).toBe(false);
    expect(isOncologyPackage('zoledronic acid', strength('4', 'mg/100mL'), '')).toBe(true);
    expect(isOncologyPackage('zoledronic acid', strength('.8', 'mg/mL'), '1 VIAL in 1 CARTON (99999-108-01)  > 5 mL in 1 VIAL')).toBe(true);
    expect(isOncologyPackage('zoledronic acid', strength('5', 'mg/100mL'), '100 mL in 1 BOTTLE (99999-106-01)')).toBe(false);
  });
});

describe('decoding', () => {
  test('latin_1_bytes_decode_and_utf_8_stays_utf_8', () => {
    expect(decodeFdaText(Uint8Array.from([0x4f, 0x73, 0x74, 0xe9, 0x6f]))).toBe('Ost\u00e9o');
    expect(decodeFdaText(new TextEncoder().encode('Ost\u00e9o'))).toBe('Ost\u00e9o');
  });
});
