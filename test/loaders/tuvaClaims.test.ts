import { describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { loadInputs } from '../../pipeline/loaders/loadInputs.js';
import { publicDataset } from '../helpers/publicDataset.js';

const tuva = publicDataset('tuva-claims-demo-sample');

describe('Tuva claims demo sample', () => {
  it('loads every medical, pharmacy and eligibility row and accounts for each', async () => {
    await withDb({}, async (db) => {
      const result = await loadInputs(db, { inputDir: tuva });
      expect(result.format).toBe('claims');
      const byRole = Object.fromEntries(result.files.map((file) => [file.role, file]));
      expect(byRole.medical_claim?.rowsRead).toBe(6075);
      expect(byRole.pharmacy_claim?.rowsRead).toBe(612);
      expect(byRole.eligibility?.rowsRead).toBe(219);
      for (const file of result.files) {
        expect(file.rowsLoaded + file.rowsRejected).toBe(file.rowsRead);
        expect(file.rowsRejected).toBe(0);
        expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(result.tableRows.person).toBe(100);
      expect(result.tableRows.coverage).toBe(219);
    });
  });

  it('keeps person 13289 lumbar fracture and its later osteoporosis code, normalised', async () => {
    await withDb({}, async (db) => {
      await loadInputs(db, { inputDir: tuva });
      const rows = await db.all<{ event_date: string; code: string; code_system: string; domain: string }>(
        `select distinct event_date, code, code_system, domain from clinical_event
         where person_id = '13289' and (code = 'S32010A' or code like 'M81%') order by event_date, code`,
      );
      expect(rows[0]).toEqual({ event_date: '2018-01-07', code: 'S32010A', code_system: 'ICD10CM', domain: 'diagnosis' });
      expect(rows.some((row) => row.code === 'M810' && row.event_date === '2018-01-14')).toBe(true);
    });
  });
});
