import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import type { ShownRate } from '../model/reportModel.js';
import { round4 } from './format.js';

/**
 * The `therapy_course` object of summary.json (docs/rules.md §8): the same suppressed figures as the
 * other formats; a suppressed value is the string "suppressed"; null where no value exists. Numbers
 * rounded to 4 decimals so the bytes are stable.
 */
export function therapyCourseJson(course: TherapyCourseReport): Record<string, unknown> {
  return {
    noCourse: course.noCourse,
    episodes: course.episodes,
    statusCounts: course.statusCounts,
    conventions: {
      pdcQuantiles: 'quantile_cont (linear interpolation, Hyndman-Fan type 7) over complete courses',
      atRisk: 'courses with persistence_days >= day; a discontinuation on the day counts in the estimate for that day',
    },
    groups: course.groups.map((group) => ({
      dimension: group.dimension,
      level: group.level,
      completeCourses: group.completeCourses,
      pdc: group.pdcQuartiles === null || group.pdcQuartiles === 'suppressed'
        ? group.pdcQuartiles
        : { q1: round4(group.pdcQuartiles.q1), median: round4(group.pdcQuartiles.median), q3: round4(group.pdcQuartiles.q3) },
      adherent: group.adherent,
      adherentShare: rateJson(group.adherentShare),
      coursesWithFollowUp: group.coursesWithFollowUp,
      persistence: group.persistence.map((estimate) => ({
        day: estimate.day,
        atRisk: estimate.atRisk,
        survival: typeof estimate.survival === 'number' ? round4(estimate.survival) : estimate.survival,
      })),
    })),
    pdcHistogram: course.pdcHistogram.map((bin) => ({ from: round4(bin.from), to: round4(bin.to), courses: bin.courses })),
    persistenceCurve: course.persistenceCurve.map((point) => ({ day: point.day, survival: round4(point.survival) })),
  };
}

function rateJson(rate: ShownRate): unknown {
  if (rate === null || rate === 'suppressed') return rate;
  return { rate: round4(rate.rate), lower: round4(rate.lower), upper: round4(rate.upper) };
}
