/** The whole stylesheet of report.html: system fonts, print-friendly, nothing fetched. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #1b1f23; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #d0d7de; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #f3f5f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { background: #f3f8ff; border-left: 4px solid #1f5fa8; padding: 0.6rem 0.9rem; margin: 0.8rem 0; }
.warning { background: #fff8e6; border-left: 4px solid #c77c02; padding: 0.6rem 0.9rem; margin: 0.8rem 0; }
.danger { background: #fdecea; border-left: 4px solid #b03a2e; padding: 0.6rem 0.9rem; margin: 0.8rem 0; }
figure.chart { margin: 1rem 0; max-width: 100%; }
nav#contents { background: #f6f8fa; border: 1px solid #d0d7de; padding: 0.4rem 1rem; margin: 1rem 0; }
nav#contents h2 { margin-top: 0.6rem; border: 0; font-size: 1.1rem; }
nav#contents ol { margin: 0.2rem 0; padding-left: 1.4rem; }
nav#contents ol ol { columns: 2; font-size: 0.9rem; }
.signals li { margin: 0.1rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #57606a; }
.meta { color: #57606a; }
@media print { figure.chart, table { break-inside: avoid; } }
`;
