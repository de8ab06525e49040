/*
 * Search for the guide, from file:// as well as from a server: the index is a script
 * (search-index.js, written at build time by dev.selfhostguide.bundle.SearchIndex) that sets
 * window.GUIDE_SEARCH, so nothing here fetches anything. Queries are split into terms by the same
 * rules as the Java side (Tokens.java): words of letters, digits and underscores, lower-cased, and
 * Hangul as character bigrams. Every query term must match the start of an indexed term, so
 * AGENTOPS_EXP finds AGENTOPS_EXPORTER_ENDPOINT and 431 finds 4318.
 */
(function () {
  'use strict';

  var WORD = /[\p{L}\p{Nd}_]/u;
  var HANGUL = /[\p{Script=Hangul}]/u;
  var MAX_RESULTS = 20;
  var CONTEXT = 70;

  function isHangul(ch) { return HANGUL.test(ch) && /\p{L}/u.test(ch); }

  /* Runs of one kind: {text, hangul}. Mirrors Tokens.runs. */
  function runs(text) {
    var out = [], current = '', kind = 0;
    for (var ch of text.toLowerCase()) {
      var k = isHangul(ch) ? 2 : WORD.test(ch) ? 1 : 0;
      if (k !== kind && current) { out.push({ text: current, hangul: kind === 2 }); current = ''; }
      if (k) { current += ch; }
      kind = k;
    }
    if (current) { out.push({ text: current, hangul: kind === 2 }); }
    return out;
  }

  function bigrams(run) {
    var cps = Array.from(run), grams = [];
    if (cps.length === 1) { grams.push(run); }
    for (var i = 0; i + 1 < cps.length; i++) { grams.push(cps[i] + cps[i + 1]); }
    return grams;
  }

  /* The terms a query must match, and the strings to highlight (longest first). */
  function parse(query) {
    var terms = [], marks = [];
    runs(query).forEach(function (r) {
      marks.push(r.text);
      if (r.hangul) {
        bigrams(r.text).forEach(function (g) { terms.push(g); marks.push(g); });
      } else {
        terms.push(r.text);
      }
    });
    terms = terms.filter(function (t, i) { return terms.indexOf(t) === i; });
    marks.sort(function (a, b) { return b.length - a.length; });
    return { terms: terms, marks: marks };
  }

  /* Index of the first term >= prefix; terms are sorted by UTF-16 units, as < compares them. */
  function lowerBound(terms, prefix) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < prefix) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  /* section -> score for every indexed term that starts with term; exact matches count double. */
  function matches(index, term) {
    var scores = new Map();
    for (var i = lowerBound(index.terms, term); i < index.terms.length && index.terms[i].startsWith(term); i++) {
      var factor = index.terms[i] === term ? 2 : 1, list = index.postings[i];
      for (var j = 0; j < list.length; j += 2) {
        scores.set(list[j], (scores.get(list[j]) || 0) + list[j + 1] * factor);
      }
    }
    return scores;
  }

  function search(index, query, lang) {
    var parsed = parse(query);
    if (!parsed.terms.length) { return []; }
    var total = null;
    parsed.terms.forEach(function (term) {
      var scores = matches(index, term), next = new Map();
      scores.forEach(function (score, section) {
        if (total === null || total.has(section)) { next.set(section, (total ? total.get(section) : 0) + score); }
      });
      total = next;
    });
    var hits = [];
    total.forEach(function (score, s) {
      var page = index.pages[index.sections[s][0]];
      if (!lang || !page[2] || page[2] === lang) { hits.push({ section: s, score: score }); }
    });
    hits.sort(function (a, b) { return b.score - a.score || a.section - b.section; });
    return hits.slice(0, MAX_RESULTS).map(function (h) { return { section: index.sections[h.section], marks: parsed.marks }; });
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  /* A piece of the section text around the first hit, with every hit in <mark>. */
  function snippet(text, marks, doc) {
    var p = doc.createElement('p');
    p.className = 'guide-search-snippet';
    var pattern = new RegExp(marks.map(escapeRegExp).join('|'), 'giu');
    var first = pattern.exec(text);
    var at = first ? first.index : 0;
    var start = Math.max(0, at - CONTEXT), end = Math.min(text.length, at + CONTEXT * 2);
    var piece = text.slice(start, end);
    if (start > 0) { p.appendChild(doc.createTextNode('\u2026')); }
    pattern.lastIndex = 0;
    var last = 0, m;
    while (marks.length && (m = pattern.exec(piece)) !== null) {
      if (m[0] === '') { pattern.lastIndex++; continue; }
      p.appendChild(doc.createTextNode(piece.slice(last, m.index)));
      var mark = doc.createElement('mark');
      mark.textContent = m[0];
      p.appendChild(mark);
      last = m.index + m[0].length;
    }
    p.appendChild(doc.createTextNode(piece.slice(last)));
    if (end < text.length) { p.appendChild(doc.createTextNode('\u2026')); }
    return p;
  }

  function render(index, results, query, root, out) {
    var doc = out.ownerDocument;
    out.textContent = '';
    if (!query.trim()) { return; }
    if (!results.length) {
      var none = doc.createElement('p');
      none.textContent = 'No results for \u201c' + query + '\u201d.';
      out.appendChild(none);
      return;
    }
    var ol = doc.createElement('ol');
    results.forEach(function (r) {
      var s = r.section, page = index.pages[s[0]];
      var li = doc.createElement('li');
      var a = doc.createElement('a');
      a.href = root + page[0] + (s[1] ? '#' + s[1] : '');
      a.textContent = s[1] && s[2] !== page[1] ? s[2] + ' \u2014 ' + page[1] : page[1];
      li.appendChild(a);
      li.appendChild(snippet(s[3], r.marks, doc));
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }

  function start() {
    var index = window.GUIDE_SEARCH;
    var form = document.querySelector('form.guide-search');
    var out = document.getElementById('guide-search-results');
    var input = document.getElementById('guide-search-input');
    if (!index || !form || !out || !input) { return; }
    var root = form.getAttribute('data-root') || document.documentElement.getAttribute('data-root') || '';
    var lang = document.documentElement.getAttribute('lang') || '';
    var update = function () { render(index, search(index, input.value, lang), input.value, root, out); };
    form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
    input.addEventListener('input', update);
    form.hidden = false;
    if (input.value) { update(); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }

  window.GUIDE_SEARCH_ENGINE = { runs: runs, parse: parse, search: search };
}());
