import { describe, expect, it } from 'vitest';
import { evaluateUntreatedFracture, type PatientBundle } from '../../bench/fhirCqlRule.js';

// The ELM the bench times in cql-execution (bench/cql/untreatedVertebralFracture.elm.json) must be a
// rule that works: a vertebral fracture Condition and no osteoporosis drug in the 365 days after it.

const icd10 = 'http://hl7.org/fhir/sid/icd-10-cm';

function bundle(id: string, resources: Record<string, unknown>[]): PatientBundle {
  const patient = { resourceType: 'Patient', id, gender: 'female', birthDate: '1940-01-01' };
  const subject = { reference: `Patient/${id}` };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [patient, ...resources.map((resource, index) => ({ id: `${id}-${index}`, subject, ...resource }))].map((resource) => ({
      resource: resource as PatientBundle['entry'][number]['resource'],
    })),
  };
}

const fracture = (code: string, onset: string): Record<string, unknown> => ({
  resourceType: 'Condition',
  code: { coding: [{ system: icd10, code }] },
  onsetDateTime: onset,
});

describe('cql-execution comparison rule (hand-written ELM)', () => {
  it('gives the verdict worked out by hand for each tiny patient', async () => {
    const verdicts = await evaluateUntreatedFracture([
      // M80.08XA on 2024-01-10, nothing after it: untreated.
      bundle('untreated', [fracture('M80.08XA', '2024-01-10'), fracture('M54.50', '2024-02-01')]),
      // Alendronate (synthetic NDC) handed over 200 days after the fracture: treated.
      bundle('treated-by-dispense', [
        fracture('S32.010A', '2024-01-10'),
        {
          resourceType: 'MedicationDispense',
          status: 'completed',
          medicationCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '99999-0101-01' }] },
          whenHandedOver: '2024-07-28',
        },
      ]),
      // Zoledronic acid (J3489) given on day 366 after the fracture: outside the window, untreated.
      bundle('treated-too-late', [
        fracture('M48.56XA', '2023-01-10'),
        {
          resourceType: 'MedicationAdministration',
          status: 'completed',
          medicationCodeableConcept: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'J3489' }] },
          effectiveDateTime: '2024-01-11',
        },
      ]),
      // A subsequent-encounter code (7th character D) is not a new fracture: no verdict of untreated.
      bundle('no-fracture', [fracture('M80.08XD', '2024-01-10')]),
    ]);
    expect(Object.fromEntries(verdicts)).toEqual({
      untreated: true,
      'treated-by-dispense': false,
      'treated-too-late': true,
      'no-fracture': false,
    });
  });
});
