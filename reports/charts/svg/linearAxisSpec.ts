/** A quantitative axis: its domain, the tick values to label, how to print them and its title. */
export interface LinearAxisSpec {
  domain: readonly [number, number];
  values: readonly number[];
  format: (value: number) => string;
  /** Axis title; null for none. */
  title: string | null;
}

/** The tick labels of an axis, as printed. */
export function tickLabels(spec: LinearAxisSpec): string[] {
  return spec.values.map(spec.format);
}
