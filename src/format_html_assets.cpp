// The HTML report's stylesheet and script. Both are inline in every page and pinned by their
// SHA-256 in the page's Content-Security-Policy, so nothing else can run or load. The page is
// complete without the script: it only adds filtering, sorting, deep links (#severity=error)
// and opens collapsed sections before printing.
#include "html/html.hpp"

namespace minrole::html {

namespace {

constexpr std::string_view kStylesheet = R"css(
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#fff;--panel:#f5f7fa;--accent:#2f5fb3;
--error:#b3261e;--error-bg:#fde7e6;--warning:#8a5300;--warning-bg:#fff1d6;--note:#285a8c;--note-bg:#e4effa;
--ok:#1e6b3a;--ok-bg:#e3f4e8;--implied:#eef1f6;--missing:#fde7e6;--unused:#fff1d6}
*{box-sizing:border-box}
html{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
header.top{background:#17223b;color:#fff;padding:18px 28px 14px}
header.top h1{margin:0;font-size:22px;font-weight:600}
header.top .sub{color:#c8d1e4;margin-top:4px;font-size:13px}
header.top .sub code{color:#fff;background:rgba(255,255,255,.12)}
nav.sections{display:flex;flex-wrap:wrap;gap:4px 14px;padding:8px 28px;border-bottom:1px solid var(--line);background:var(--panel);font-size:14px}
nav.sections a{color:var(--accent);text-decoration:none}
nav.sections a:hover{text-decoration:underline}
main{padding:8px 28px 40px;max-width:1500px}
section{margin-top:26px}
h2{font-size:18px;margin:0 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:18px 0 8px}
p{margin:6px 0}
code{font:13px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--panel);padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:130px;background:var(--bg)}
.card .n{font-size:24px;font-weight:650;display:block}
.card.error .n{color:var(--error)}.card.warning .n{color:var(--warning)}.card.note .n{color:var(--note)}
.verdict{display:inline-block;font-weight:650;padding:6px 12px;border-radius:5px;margin:4px 0 10px}
.verdict.fail{background:var(--error-bg);color:var(--error)}
.verdict.pass{background:var(--ok-bg);color:var(--ok)}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 7px;border-radius:10px;white-space:nowrap;border:1px solid transparent}
.badge.error{background:var(--error-bg);color:var(--error)}
.badge.warning{background:var(--warning-bg);color:var(--warning)}
.badge.note{background:var(--note-bg);color:var(--note)}
.badge.suppressed{background:var(--panel);color:var(--muted);border-color:var(--line)}
.badge.risk-low{background:var(--ok-bg);color:var(--ok)}
.badge.risk-medium{background:var(--note-bg);color:var(--note)}
.badge.risk-high{background:var(--warning-bg);color:var(--warning)}
.badge.risk-critical{background:var(--error-bg);color:var(--error)}
.controls{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;margin:6px 0 8px;padding:8px 10px;background:var(--panel);border:1px solid var(--line);border-radius:6px;font-size:14px}
.controls label{white-space:nowrap}
.controls input[type=search]{min-width:16em}
.controls .shown{margin-left:auto;color:var(--muted)}
[hidden]{display:none!important}
table{border-collapse:collapse;width:100%;font-size:14px}
caption{text-align:left;color:var(--muted);font-size:13px;padding:2px 0 6px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--panel);position:sticky;top:0;z-index:1;font-weight:600}
th button{all:unset;cursor:pointer;display:inline-flex;gap:4px}
th button::after{content:"\2195";color:var(--muted);font-size:11px}
th[aria-sort=ascending] button::after{content:"\25B2"}
th[aria-sort=descending] button::after{content:"\25BC"}
th button:focus-visible{outline:2px solid var(--accent)}
tbody.chunk{content-visibility:auto;contain-intrinsic-size:auto 7000px}
tr.suppressed td{color:var(--muted)}
tr.suppressed td.message{text-decoration:line-through}
td ul{margin:0;padding-left:18px}
td.nowrap,td.nowrap code{white-space:nowrap;overflow-wrap:normal}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
table.matrix th[scope=row]{white-space:nowrap}
table.matrix td{text-align:center;white-space:nowrap;font-size:13px}
table.matrix thead th{text-align:center}
td.granted{background:var(--ok-bg);color:var(--ok);font-weight:600}
td.unused{background:var(--unused);color:var(--warning);font-weight:600}
td.implied{background:var(--implied);color:var(--muted)}
td.missing{background:var(--missing);color:var(--error);font-weight:600}
td.needed{background:var(--note-bg);color:var(--note)}
td.none{color:#b8bfcc}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:13px;margin:8px 0;color:var(--muted)}
.legend span.key{display:inline-block;min-width:22px;text-align:center;border-radius:3px;padding:0 4px;margin-right:4px}
.key.granted{background:var(--ok-bg);color:var(--ok)}.key.unused{background:var(--unused);color:var(--warning)}
.key.implied{background:var(--implied)}.key.missing{background:var(--missing);color:var(--error)}.key.needed{background:var(--note-bg);color:var(--note)}
.powers{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:10px;margin:8px 0}
.power{border:1px solid var(--line);border-radius:6px;padding:8px 12px}
.power .n{font-size:20px;font-weight:650}
.power.p-delete .n,.power.p-user-management .n,.power.p-schema .n{color:var(--error)}
.power.p-write .n,.power.p-approve .n,.power.p-campaign .n{color:var(--warning)}
.power svg{display:block;margin-top:4px}
details{margin:6px 0}
details>summary{cursor:pointer;font-weight:600}
.split{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.split>div{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:0}
.split h3{margin-top:4px}
.added{color:var(--error)}.removed{color:var(--ok)}
figure.graph{margin:8px 0;overflow:auto;border:1px solid var(--line);border-radius:6px;background:#fcfdff}
figure.graph figcaption{font-size:13px;color:var(--muted);padding:6px 10px;border-top:1px solid var(--line)}
svg.graph text{font:12px system-ui,sans-serif;fill:#1d2330}
svg.graph .node rect{fill:#fff;stroke:#8a93a6;stroke-width:1}
svg.graph .node.granted rect{fill:#d9f0df;stroke:#1e6b3a;stroke-width:2}
svg.graph .node.needed rect{fill:#e4effa;stroke:#285a8c;stroke-width:1.5}
svg.graph .node.implied rect{fill:#eef1f6;stroke:#8a93a6;stroke-dasharray:3 2}
svg.graph .node.missing rect{fill:#fde7e6;stroke:#b3261e;stroke-width:2}
svg.graph .node.unused rect{fill:#fff1d6;stroke:#8a5300;stroke-width:2}
svg.graph .edge{fill:none;stroke:#7d8799;stroke-width:1.2}
svg.graph .edge.parent{stroke-dasharray:5 3;stroke:#a0673a}
svg.graph .node:hover rect{stroke:#2f5fb3;stroke-width:3}
footer{margin:30px 28px;color:var(--muted);font-size:12px}
@media print{
  html{font-size:11px}
  header.top{background:none;color:#000;padding:0 0 6px;border-bottom:2px solid #000}
  header.top .sub,header.top .sub code{color:#000}
  nav.sections,.controls,th button::after{display:none!important}
  main{padding:0;max-width:none}
  section{break-inside:auto}
  h2,h3{break-after:avoid}
  tr,.card,.power,figure.graph{break-inside:avoid}
  thead th{position:static}
  tbody.chunk{content-visibility:visible}
  a{color:inherit;text-decoration:none}
  .split{grid-template-columns:1fr 1fr}
  figure.graph{overflow:visible;border:none}
}
)css";

constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.className += ' js';

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function rowsOf(table) { return Array.prototype.slice.call(table.querySelectorAll('tbody > tr')); }

  // Filters: every .controls[data-for] drives the table it names.
  var panels = [];
  function filterTable(panel) {
    var table = doc.getElementById(panel.getAttribute('data-for'));
    if (!table) { return; }
    var checks = {}, selects = [], query = '';
    each(panel.querySelectorAll('input[type=checkbox][data-attr]'), function (box) {
      var attr = box.getAttribute('data-attr');
      checks[attr] = checks[attr] || {};
      if (box.checked) { checks[attr][box.value] = true; }
    });
    each(panel.querySelectorAll('select[data-attr]'), function (sel) {
      if (sel.value !== '') { selects.push([sel.getAttribute('data-attr'), sel.value]); }
    });
    var search = panel.querySelector('input[type=search]');
    if (search) { query = search.value.trim().toLowerCase(); }
    var shown = 0, rows = rowsOf(table);
    rows.forEach(function (row) {
      var ok = true, attr, i;
      for (attr in checks) {
        if (!checks[attr][row.getAttribute('data-' + attr) || '']) { ok = false; }
      }
      for (i = 0; ok && i < selects.length; i++) {
        var values = (row.getAttribute('data-' + selects[i][0]) || '').split('\n');
        if (values.indexOf(selects[i][1]) < 0) { ok = false; }
      }
      if (ok && query && row.textContent.toLowerCase().indexOf(query) < 0) { ok = false; }
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    var counter = panel.querySelector('.shown');
    if (counter) { counter.textContent = shown + ' of ' + rows.length + ' shown'; }
    table.setAttribute('data-shown', String(shown));
  }

  // Deep links: #severity=error,warning&rule=unused-permission sets the filters on load.
  function readHash() {
    var hash = location.hash.replace(/^#/, ''), out = {};
    if (hash.indexOf('=') < 0) { return null; }
    hash.split('&').forEach(function (pair) {
      var at = pair.indexOf('=');
      if (at > 0) {
        out[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1)).split(',');
      }
    });
    return out;
  }
  function applyHash(panel, wanted) {
    each(panel.querySelectorAll('[data-attr]'), function (input) {
      var values = wanted[input.getAttribute('data-attr')];
      if (!values) { return; }
      if (input.type === 'checkbox') { input.checked = values.indexOf(input.value) >= 0; }
      else { input.value = values[0]; }
    });
    var search = panel.querySelector('input[type=search]');
    if (search && wanted.q) { search.value = wanted.q[0]; }
  }
  function writeHash(panel) {
    var parts = [], seen = {};
    each(panel.querySelectorAll('[data-attr]'), function (input) {
      var attr = input.getAttribute('data-attr');
      if (input.type === 'checkbox') {
        if (seen[attr]) { return; }
        seen[attr] = true;
        var on = [];
        each(panel.querySelectorAll('input[type=checkbox][data-attr="' + attr + '"]'), function (box) {
          if (box.checked) { on.push(encodeURIComponent(box.value)); }
        });
        parts.push(encodeURIComponent(attr) + '=' + on.join(','));
      } else if (input.value !== '') {
        parts.push(encodeURIComponent(attr) + '=' + encodeURIComponent(input.value));
      }
    });
    var search = panel.querySelector('input[type=search]');
    if (search && search.value) { parts.push('q=' + encodeURIComponent(search.value)); }
    if (history.replaceState) { history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname); }
  }

  var wanted = readHash();
  each(doc.querySelectorAll('.controls[data-for]'), function (panel) {
    panels.push(panel);
    panel.hidden = false;
    if (wanted) { applyHash(panel, wanted); }
    panel.addEventListener('input', function () { filterTable(panel); writeHash(panel); });
    panel.addEventListener('change', function () { filterTable(panel); writeHash(panel); });
    filterTable(panel);
  });

  // Sorting: a button in every th[data-sort]; rows keep their chunks' sizes.
  function keyOf(row, column, numeric) {
    var cell = row.children[column];
    var key = cell ? (cell.getAttribute('data-key') || cell.textContent) : '';
    return numeric ? parseFloat(key) || 0 : key.trim().toLowerCase();
  }
  each(doc.querySelectorAll('table.data'), function (table) {
    each(table.querySelectorAll('thead th[data-sort]'), function (th) {
      var button = doc.createElement('button');
      button.type = 'button';
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener('click', function () {
        var column = Array.prototype.indexOf.call(th.parentNode.children, th);
        var numeric = th.getAttribute('data-sort') === 'num';
        var descending = th.getAttribute('aria-sort') === 'ascending';
        each(table.querySelectorAll('thead th'), function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var rows = rowsOf(table).map(function (row, index) { return [keyOf(row, column, numeric), index, row]; });
        rows.sort(function (a, b) {
          var order = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
          return (descending ? -order : order) || a[1] - b[1];
        });
        var bodies = table.tBodies, at = 0;
        for (var b = 0; b < bodies.length; b++) {
          var size = bodies[b].rows.length, fragment = doc.createDocumentFragment();
          for (var i = 0; i < size; i++) { fragment.appendChild(rows[at++][2]); }
          bodies[b].appendChild(fragment);
        }
      });
    });
  });

  // Printing: collapsed sections are opened for the printout and closed again after it.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    each(doc.querySelectorAll('details:not([open])'), function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
)js";

} // namespace

std::string_view stylesheet() { return kStylesheet; }
std::string_view script() { return kScript; }

} // namespace minrole::html
