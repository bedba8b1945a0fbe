import { writeFiles } from './tempDir.js';

/**
 * A small events-format population for the monthly-audit commands (worklist, --fail-if, diff),
 * each person planted for one outcome. Run it with `--as-of 2025-12-31` (the complete cohort is then
 * index_date <= 2024-12-31) or `--as-of 2025-06-30` (the "previous month" of the diff tests).
 *
 * | person | site | index | planted | A / B / C at 2025-12-31 |
 * | a1 | North East | 2024-01-10 | alendronate 2023-06-01 (ended before), calcium 500 mg 2024-02-01, calcium 2025-03-01 (after B's window) | open / open low_calcium_dose+missing_vitamin_d / n.a. |
 * | a2 | North/East | 2025-06-01 | nothing | prospective / prospective / n.a. |
 * | a3 | (none) | 2024-03-01 | alendronate 2024-04-01, calcium 2024-03-15 | closed / open missing_vitamin_d / n.a. |
 * | a4 | Ünïcode ✓ | 2024-05-01 | kyphoplasty day 10 | open / open / open before_90_days |
 * | a5 | North East | 2024-02-01 | alendronate 2024-02-10, calcium + vitamin D | closed / closed / n.a. |
 * | a6 | North East | 2024-01-20 | died 2024-06-01 | excluded died / excluded died / n.a. |
 * | a7 | North East | 2024-01-01 | born 1990 | excluded age_under_min (all rules) |
 * | a8 | North/East | 2025-09-01 | nothing (no episode at 2025-06-30) | prospective / prospective / n.a. |
 * | a9 | North/East | 2024-10-01 | nothing (prospective at 2025-06-30) | open / open / n.a. |
 * | a10 | North/East | 2025-03-01 | alendronate 2025-08-01 (prospective at 2025-06-30) | closed / prospective / n.a. |
 *
 * events.csv also holds one row with an impossible date (2021-02-30): one rejected row.
 */
export function writeAuditPopulation(dir: string): void {
  const patients = [
    'person_id,birth_date,sex,death_date,site',
    'a1,1950-01-01,F,,North East',
    'a2,1950-01-01,M,,North/East',
    'a3,1950-01-01,F,,',
    'a4,1950-01-01,F,,"Ünïcode ✓"',
    'a5,1950-01-01,M,,North East',
    'a6,1940-01-01,F,2024-06-01,North East',
    'a7,1990-01-01,F,,North East',
    'a8,1950-01-01,M,,North/East',
    'a9,1950-01-01,F,,North/East',
    'a10,1950-01-01,F,,North/East',
  ];
  const fracture = (person: string, date: string): string => `${person},${date},ICD10CM,M80.08XA,,,`;
  const alendronate = (person: string, date: string): string => `${person},${date},RXNORM,46041,,,`;
  const calcium = (person: string, date: string, dose = ''): string => `${person},${date},CAREGAP,calcium_supplement,${dose},${dose ? 'mg' : ''},`;
  const vitaminD = (person: string, date: string): string => `${person},${date},CAREGAP,vitamin_d_supplement,,,`;
  const events = [
    'person_id,event_date,code_system,code,daily_dose,dose_unit,setting',
    fracture('a1', '2024-01-10'),
    alendronate('a1', '2023-06-01'),
    calcium('a1', '2024-02-01', '500'),
    calcium('a1', '2025-03-01', '500'),
    fracture('a2', '2025-06-01'),
    fracture('a3', '2024-03-01'),
    alendronate('a3', '2024-04-01'),
    calcium('a3', '2024-03-15'),
    fracture('a4', '2024-05-01'),
    'a4,2024-05-11,CPT,22513,,,outpatient',
    fracture('a5', '2024-02-01'),
    alendronate('a5', '2024-02-10'),
    calcium('a5', '2024-02-10'),
    vitaminD('a5', '2024-02-10'),
    fracture('a6', '2024-01-20'),
    fracture('a7', '2024-01-01'),
    fracture('a8', '2025-09-01'),
    fracture('a9', '2024-10-01'),
    fracture('a10', '2025-03-01'),
    alendronate('a10', '2025-08-01'),
    'a1,2021-02-30,ICD10CM,M81.0,,,',
  ];
  writeFiles(dir, { 'patients.csv': `${patients.join('\n')}\n`, 'events.csv': `${events.join('\n')}\n` });
}
