/**
 * The scan report's only script: filters the listed clusters, pairs and side-by-side views by
 * text, source and relation as the reader types, without a server. It reads `data-search`,
 * `data-sources` ("|"-separated) and `data-relations` (space-separated) of every `[data-filter]`
 * element and toggles `hidden`. Constant code (no data inside), allowed by the page's CSP hash.
 */
export const SCAN_FILTER_SCRIPT = `(function () {
  var text = document.getElementById('f-text');
  var source = document.getElementById('f-source');
  var relation = document.getElementById('f-relation');
  var count = document.getElementById('f-count');
  if (!text || !source || !relation || !count) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var keys = items.map(function (el) {
    return {
      el: el,
      search: el.getAttribute('data-search') || '',
      sources: '|' + (el.getAttribute('data-sources') || '') + '|',
      relations: ' ' + (el.getAttribute('data-relations') || '') + ' '
    };
  });
  function apply() {
    var q = text.value.trim().toLowerCase();
    var s = source.value;
    var r = relation.value;
    var shown = 0;
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      var ok = (!q || k.search.indexOf(q) >= 0) && (!s || k.sources.indexOf('|' + s + '|') >= 0) && (!r || k.relations.indexOf(' ' + r + ' ') >= 0);
      if (k.el.hidden === ok) k.el.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown === keys.length ? 'showing all ' + keys.length : 'showing ' + shown + ' of ' + keys.length;
  }
  text.addEventListener('input', apply);
  source.addEventListener('change', apply);
  relation.addEventListener('change', apply);
  apply();
})();`;
