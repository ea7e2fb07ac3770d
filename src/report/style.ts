/**
 * The report's inline stylesheet. Colours are from the Okabe–Ito palette (distinguishable with
 * every common colour-vision deficiency), and every colour is doubled by a text label.
 */
export const REPORT_CSS = `
:root { --ink: #1d1d1f; --muted: #5b5b66; --line: #d6d6dc; --paper: #ffffff;
  --identical: #0072B2; --identical-bg: #e1eef8; --near: #009E73; --near-bg: #daf2e8;
  --rewrite: #E69F00; --rewrite-bg: #fdf0d2; --repeat: #CC79A7; --repeat-bg: #f9e8f1; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f4f4f6;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
a { color: #0b57a4; }
.lede { margin: 0 0 1rem; color: var(--muted); max-width: 75ch; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .5rem; margin: 0 0 1rem; }
.facts div { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .45rem .7rem; }
.facts dt { font-size: .72rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.facts dd small { display: block; font-weight: 400; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; margin: 0 0 1rem;
  padding: .5rem .8rem; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; font-size: .85rem; }
.legend .swatch { display: inline-block; width: 1.6rem; height: 1rem; vertical-align: -.2rem; margin-right: .35rem;
  border: 1px solid var(--line); border-left-width: 5px; border-radius: 2px; background: #fafafa; }
.legend .note { color: var(--muted); }
.swatch.s-identical { border-color: var(--identical); background: var(--identical-bg); }
.swatch.s-near { border-color: var(--near); background: var(--near-bg); }
.swatch.s-rewrite { border-color: var(--rewrite); background: var(--rewrite-bg); }
.swatch.s-repeat { border-color: var(--repeat); border-style: dashed; border-left-style: solid;
  background: repeating-linear-gradient(135deg, var(--repeat-bg) 0 4px, #fdf5f9 4px 8px); }
.pair { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem 1.2rem; margin: 1rem 0 2rem; }
.pair > h2 { margin-top: 0; }
.colhead { position: sticky; top: 0; z-index: 1; background: var(--paper); border-bottom: 2px solid var(--ink); padding: .4rem 0; }
.colhead .cell { font-weight: 700; overflow-wrap: anywhere; }
.colhead .cell small { font-weight: 400; color: var(--muted); }
.row:not(.anchored) .para { height: auto; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) 6.5rem minmax(0, 1fr); gap: .6rem; margin: .45rem 0; align-items: stretch; }
.gutter { display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center;
  font-size: .75rem; color: var(--muted); }
.gutter .arrow { font-size: 1.2rem; line-height: 1; color: var(--ink); }
.para { height: 100%; border: 1px solid var(--line); border-left-width: 6px; border-radius: 4px; padding: .4rem .7rem .55rem; background: var(--paper); }
.para p { margin: .3rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 15px/1.5 Georgia, "Times New Roman", serif; }
.para.unmatched { background: #fbfbfc; color: #3a3a40; }
.para.k-identical { border-color: var(--identical); background: var(--identical-bg); }
.para.k-near { border-color: var(--near); background: var(--near-bg); }
.para.k-rewrite { border-color: var(--rewrite); background: var(--rewrite-bg); }
.para.repeated { border-color: var(--repeat); border-style: dashed; border-left-style: solid;
  background: var(--repeat-bg); }
.para:target { outline: 3px solid var(--ink); outline-offset: 2px; }
.pmeta { display: flex; flex-wrap: wrap; gap: .3rem .45rem; align-items: center; font-size: .78rem; color: var(--muted); }
.pnum { font-weight: 700; color: var(--ink); }
.tag { display: inline-block; border-radius: 3px; padding: 0 .4rem; font-size: .72rem; font-weight: 700; letter-spacing: .02em; }
.t-identical { background: var(--identical); color: #fff; }
.t-near { background: #007a5a; color: #fff; }
.t-rewrite { background: var(--rewrite); color: #1d1d1f; }
.t-repeat { background: var(--repeat); color: #1d1d1f; }
.t-none { background: #e4e4e8; color: #3a3a40; }
mark { border-radius: 2px; padding: 0 1px; color: inherit; }
mark.m-identical { background: #b9d8ef; } mark.m-near { background: #b5e6d2; } mark.m-rewrite { background: #f8d998; }
table { border-collapse: collapse; width: 100%; background: var(--paper); border: 1px solid var(--line); font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
th { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.where { white-space: nowrap; }
.role { color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cluster { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; margin: .5rem 0; }
.cluster ul { margin: .2rem 0 0; padding-left: 1.2rem; }
.badge { display: inline-block; border-radius: 3px; padding: 0 .4rem; font-size: .72rem; font-weight: 700; background: var(--ink); color: #fff; }
.empty-note { color: var(--muted); font-style: italic; }
[hidden] { display: none !important; }
details.cluster, details.pair { content-visibility: auto; contain-intrinsic-size: auto 2.5rem; }
table.pairs { table-layout: fixed; }
li.more { color: var(--muted); font-style: italic; }
h2 small { font-size: .8rem; font-weight: 400; color: var(--muted); }
.byline { display: block; font-size: .8rem; font-weight: 400; color: var(--muted); }
summary .byline, li .byline, .colhead .byline { display: inline; }
.title { font-weight: 700; }
.unsafe-url { font-family: ui-monospace, monospace; font-size: .75rem; overflow-wrap: anywhere; }
.why { color: var(--ink); max-width: 90ch; }
td.why { font-size: .85rem; max-width: 40ch; }
td.why small { display: block; color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 0 0 1rem; padding: .5rem .8rem;
  background: var(--paper); border: 1px solid var(--line); border-radius: 6px; position: sticky; top: 0; z-index: 2; }
.filters input, .filters select { font: inherit; padding: .15rem .35rem; margin-left: .3rem; }
.filters output { color: var(--muted); font-size: .85rem; }
.chart-box { margin: 0 0 1rem; }
.chart-box figcaption { font-size: .8rem; color: var(--muted); }
.chart .bar { fill: var(--identical); } .chart .axis { stroke: var(--muted); } .chart .tick { stroke: var(--line); }
.chart text { font: 11px system-ui, sans-serif; fill: var(--ink); } .chart .val, .chart .lab { text-anchor: middle; }
.chart .lab.start { text-anchor: start; } .chart .lab.end { text-anchor: end; }
.chart .dot { fill: var(--paper); stroke: var(--rewrite); stroke-width: 2; } .chart .dot.original { fill: var(--ink); stroke: var(--ink); }
details.cluster > summary, details.pair > summary { cursor: pointer; }
details.pair > summary h2 { display: inline; font-size: 1.1rem; }
details.pair[open] > summary { margin-bottom: .6rem; }
.size { color: var(--muted); font-size: .85rem; white-space: nowrap; }
.folded { color: var(--muted); font-size: .85rem; }
.role-original, .role-copy { font-weight: 700; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; }
.sent { border-bottom: 2px solid var(--line); }
.sent.s-identical { border-color: var(--identical); } .sent.s-near { border-color: var(--near); } .sent.s-rewrite { border-color: var(--rewrite); }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 760px) {
  .row { grid-template-columns: 1fr; }
  .gutter { flex-direction: row; gap: .4rem; }
  .colhead { position: static; }
}
@media print { body { background: #fff; } .colhead { position: static; } .pair { break-inside: auto; } }
`;
