import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { loadInputs } from '../../pipeline/loaders/loadInputs.js';
import { buildRelevantCodes } from '../../pipeline/loaders/relevantCodes.js';
import { loadValueSets } from '../../pipeline/rules/loadValueSets.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// manifest.json data_quality counts pharmacy lines, not distinct codes: a plain 10-digit NDC cannot
// be padded to 11 digits without knowing its 4-4-2 / 5-3-2 / 5-4-1 layout, so each such line is
// counted as unpadded; a code that is not 10 or 11 digits after normalisation is malformed. A
// dashed 4-4-2 NDC normalises to 11 digits and is neither.
const temp = makeTempDir();
afterAll(() => temp.cleanup());

describe('NDC data-quality counts of a claims load', () => {
  it('counts_every_pharmacy_line_with_a_10_digit_or_malformed_code', async () => {
    const inputDir = join(temp.dir, 'claims');
    writeFiles(inputDir, {
      'eligibility.csv': 'person_id,gender,birth_date,enrollment_start_date,enrollment_end_date\nP1,F,1940-02-01,2010-01-01,\n',
      'medical_claim.csv': 'claim_id,claim_line_number,claim_type,person_id,claim_start_date,claim_end_date,diagnosis_code_type,diagnosis_code_1\n',
      'pharmacy_claim.csv': [
        'claim_id,claim_line_number,person_id,dispensing_date,ndc_code,quantity,days_supply',
        'R1,1,P1,2023-03-05,00093517144,30,30', // 11 digits: neither
        'R2,1,P1,2023-04-05,0093517144,30,30', // 10 digits: unpadded
        'R3,1,P1,2023-05-05,0093517144,30,30', // the same code on a second line: unpadded again
        'R4,1,P1,2023-06-05,0093-5171-44,30,30', // dashed 4-4-2: padded to 11 digits, neither
        'R5,1,P1,2023-07-05,ABC123,30,30', // malformed
        'R6,1,P1,2023-08-05,12345,30,30', // malformed
      ].join('\n') + '\n',
    });
    const quality = await withDb({ threads: 1 }, async (db) => {
      await loadValueSets(db, []);
      const load = await loadInputs(db, { inputDir, relevant: await buildRelevantCodes(db) });
      return load.dataQuality;
    });
    expect(quality).toMatchObject({ ndc_10_digit_unpadded: 2, ndc_malformed: 2 });
  });
});
