/** manifest.json `warnings[]`: something a reader must know before trusting the results. */
export interface RunWarning {
  /** Stable identifier, snake_case. */
  code: string;
  /** One line, plain words, counts only (never patient data). */
  message: string;
}
