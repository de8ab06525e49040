/*
 * Search for the guide, from file:// as well as from a server: the index is a script
 * (search-index.js, written at build time by dev.selfhostguide.bundle.SearchIndex) that sets
 * window.GUIDE_SEARCH, so nothing here fetches anything. The script is added to the page when the
 * reader first goes to the search box (focus, typing, "/" or Ctrl-K), not with every page: it is
 * most of the guide's text, and parsing it took about 100 ms of each page load
 * (docs/benchmarks.md). Queries are split into terms by the same rules as the Java side
 * (Tokens.java): words of letters, digits and underscores, lower-cased, and Hangul as character
 * bigrams. Every query term must match the start of an indexed term, so AGENTOPS_EXP finds
 * AGENTOPS_EXPORTER_ENDPOINT and 431 finds 4318; a term of five letters or more that matches
 * nothing may have one typo. Keyboard: "/" or Ctrl-K focus the box, arrows choose a result, Enter
 * opens it, Esc or a click elsewhere closes the panel. Results in the other language edition are
 * offered in the page's language.
 */
(function () {
  'use strict';

  var WORD = /[\p{L}\p{Nd}_]/u;
  var HANGUL = /[\p{Script=Hangul}]/u;
  var MAX_RESULTS = 20;
  var CONTEXT = 70;
  /* Terms this long or longer may have one typo. */
  var FUZZY_MIN = 5;

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
      add(scores, index.postings[i], index.terms[i] === term ? 2 : 1);
    }
    if (!scores.size && Array.from(term).length >= FUZZY_MIN && !HANGUL.test(term)) {
      fuzzy(index, term, scores);
    }
    return scores;
  }

  function add(scores, list, factor) {
    for (var j = 0; j < list.length; j += 2) {
      scores.set(list[j], (scores.get(list[j]) || 0) + list[j + 1] * factor);
    }
  }

  /* True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
  function withinOne(a, b) {
    if (a === b) { return true; }
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) { i++; }
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1)
        || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /*
   * Typo tolerance for a term of FUZZY_MIN letters or more that matched nothing: every indexed term
   * whose start is one edit away (so "clikhouse" finds clickhouse, and "clikh" would not), at a
   * quarter of the score, and the words that matched are what the results highlight.
   */
  function fuzzy(index, term, scores) {
    var n = term.length;
    for (var i = 0; i < index.terms.length; i++) {
      var w = index.terms[i];
      if (w.length >= n - 1 && (withinOne(term, w.slice(0, n)) || withinOne(term, w.slice(0, n + 1))
          || withinOne(term, w.slice(0, n - 1)))) {
        add(scores, index.postings[i], 0.25);
        if (fuzzyWords.indexOf(w) < 0) { fuzzyWords.push(w); }
      }
    }
  }
  var fuzzyWords = [];

  /* Hits in lang (every language when lang is empty), best first, and how many there were. */
  function search(index, query, lang) {
    return ranked(index, query, lang).slice(0, MAX_RESULTS);
  }

  function ranked(index, query, lang) {
    var parsed = parse(query);
    if (!parsed.terms.length) { return []; }
    fuzzyWords = [];
    var total = null;
    parsed.terms.forEach(function (term) {
      var scores = matches(index, term), next = new Map();
      scores.forEach(function (score, section) {
        if (total === null || total.has(section)) { next.set(section, (total ? total.get(section) : 0) + score); }
      });
      total = next;
    });
    var marks = parsed.marks.concat(fuzzyWords).sort(function (a, b) { return b.length - a.length; });
    var hits = [];
    total.forEach(function (score, s) {
      var page = index.pages[index.sections[s][0]];
      if (!lang || !page[2] || page[2] === lang) { hits.push({ section: s, score: score }); }
    });
    hits.sort(function (a, b) { return b.score - a.score || a.section - b.section; });
    return hits.map(function (h) { return { section: index.sections[h.section], marks: marks }; });
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

  var WORDS = {
    en: { none: 'No results for \u201c{q}\u201d.', other: '{n} in the Korean edition', otherOnly: 'No results on the English pages; the Korean edition has {n}:',
          show: 'Show them' },
    ko: { none: '\u201c{q}\u201d에 대한 검색 결과가 없습니다.', other: '영어판에 {n}건',
          otherOnly: '한국어 페이지에는 결과가 없고, 영어판에 {n}건이 있습니다:', show: '보기' }
  };

  function say(words, key, values) {
    return words[key].replace(/\{(\w)\}/g, function (m, k) { return values[k]; });
  }

  function resultList(index, results, query, root, doc) {
    var ol = doc.createElement('ol');
    ol.setAttribute('role', 'listbox');
    results.forEach(function (r) {
      var s = r.section, page = index.pages[s[0]];
      var li = doc.createElement('li');
      var a = doc.createElement('a');
      // ?q= lets the page it opens mark the words (search.js there): what was typed and the words a
      // typo stood for. The file still loads without it.
      var words = r.marks.filter(function (m, i) { return r.marks.indexOf(m) === i; }).join(' ');
      a.href = root + page[0] + '?q=' + encodeURIComponent(words) + (s[1] ? '#' + s[1] : '');
      a.setAttribute('role', 'option');
      a.setAttribute('aria-selected', 'false');
      a.textContent = s[1] && s[2] !== page[1] ? s[2] + ' \u2014 ' + page[1] : page[1];
      li.appendChild(a);
      li.appendChild(snippet(s[3], r.marks, doc));
      ol.appendChild(li);
    });
    return ol;
  }

  /* Fills the panel: this edition's hits, and a word about the other edition's when it has some. */
  function render(index, query, lang, root, out) {
    var doc = out.ownerDocument, words = WORDS[lang === 'ko' ? 'ko' : 'en'];
    out.textContent = '';
    if (!query.trim()) { return; }
    var results = ranked(index, query, lang);
    var others = lang ? ranked(index, query, '').filter(function (r) { return (index.pages[r.section[0]][2] || lang) !== lang; }) : [];
    if (!results.length && !others.length) {
      var none = doc.createElement('p');
      none.textContent = say(words, 'none', { q: query });
      out.appendChild(none);
      return;
    }
    if (!results.length) {
      var only = doc.createElement('p');
      only.className = 'guide-search-other';
      only.textContent = say(words, 'otherOnly', { n: others.length });
      out.appendChild(only);
      out.appendChild(resultList(index, others.slice(0, MAX_RESULTS), query, root, doc));
      return;
    }
    out.appendChild(resultList(index, results.slice(0, MAX_RESULTS), query, root, doc));
    if (others.length) {
      var more = doc.createElement('p');
      more.className = 'guide-search-other';
      more.appendChild(doc.createTextNode(say(words, 'other', { n: others.length }) + ' \u00b7 '));
      var show = doc.createElement('a');
      show.href = '#';
      show.textContent = words.show;
      show.addEventListener('click', function (e) {
        e.preventDefault();
        out.textContent = '';
        out.appendChild(resultList(index, others.slice(0, MAX_RESULTS), query, root, doc));
      });
      more.appendChild(show);
      out.appendChild(more);
    }
  }

  /* Marks the words a reader searched for on the page a result opened (?q=...). */
  function highlightLanding(doc) {
    var query = null;
    try { query = new URLSearchParams(window.location.search).get('q'); } catch (e) { return; }
    var area = doc.querySelector('.doc');
    if (!query || !area) { return; }
    var marks = parse(query).marks.filter(function (m) { return Array.from(m).length > 1 || HANGUL.test(m); });
    if (!marks.length) { return; }
    var pattern = new RegExp(marks.map(escapeRegExp).join('|'), 'giu');
    var walker = doc.createTreeWalker(area, NodeFilter.SHOW_TEXT, null), nodes = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentNode.closest('script, style, .code-bar, .block-checked, mark')) { nodes.push(n); }
    }
    var first = null;
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, m, frag = null;
      pattern.lastIndex = 0;
      while ((m = pattern.exec(text)) !== null) {
        if (m[0] === '') { pattern.lastIndex++; continue; }
        frag = frag || doc.createDocumentFragment();
        frag.appendChild(doc.createTextNode(text.slice(last, m.index)));
        var mark = doc.createElement('mark');
        mark.className = 'search-hit';
        mark.textContent = m[0];
        frag.appendChild(mark);
        first = first || mark;
        last = m.index + m[0].length;
      }
      if (frag) {
        frag.appendChild(doc.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(frag, node);
      }
    });
    if (first && !window.location.hash) { first.scrollIntoView({ block: 'center' }); }
  }

  function start() {
    var index = window.GUIDE_SEARCH || null;
    var form = document.querySelector('form.guide-search');
    var out = document.getElementById('guide-search-results');
    var input = document.getElementById('guide-search-input');
    highlightLanding(document);
    if (!form || !out || !input) { return; }
    var root = form.getAttribute('data-root') || document.documentElement.getAttribute('data-root') || '';
    var lang = document.documentElement.getAttribute('lang') || '';
    var chosen = -1;
    var loading = null;

    /* Runs then() once the index is there, adding its script to the page the first time. */
    function withIndex(then) {
      if (index) { then(); return; }
      if (!loading) {
        loading = [];
        var script = document.createElement('script');
        script.src = root + 'search-index.js';
        script.charset = 'utf-8';
        script.onload = function () {
          index = window.GUIDE_SEARCH || null;
          var waiting = loading;
          loading = null;
          if (index) { waiting.forEach(function (f) { f(); }); }
        };
        // No index next to the page (a copied page, a broken bundle): no search box, as before it loaded.
        script.onerror = function () { loading = null; form.hidden = true; };
        document.head.appendChild(script);
      }
      loading.push(then);
    }

    function options() { return out.querySelectorAll('ol a[role="option"]'); }
    function choose(i) {
      var list = options();
      if (!list.length) { chosen = -1; return; }
      chosen = (i + list.length) % list.length;
      for (var k = 0; k < list.length; k++) { list[k].setAttribute('aria-selected', k === chosen ? 'true' : 'false'); }
      list[chosen].scrollIntoView({ block: 'nearest' });
    }
    function close() {
      out.textContent = '';
      chosen = -1;
      input.setAttribute('aria-expanded', 'false');
    }
    function update() {
      withIndex(function () {
        render(index, input.value, lang, root, out);
        chosen = -1;
        input.setAttribute('aria-expanded', out.firstChild ? 'true' : 'false');
      });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var list = options();
      if (list.length) { list[Math.max(chosen, 0)].click(); } else { update(); }
    });
    input.addEventListener('input', update);
    input.addEventListener('focus', function () {
      if (input.value && !out.firstChild) { update(); } else { withIndex(function () { }); }
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); choose(chosen + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); choose(chosen - 1); }
      else if (e.key === 'Escape') { e.preventDefault(); close(); input.blur(); }
    });
    // "/" and Ctrl-K (Cmd-K) focus the search from anywhere but a text field.
    document.addEventListener('keydown', function (e) {
      var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        input.focus();
        input.select();
      } else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
        input.select();
      } else if (e.key === 'Escape' && out.firstChild) {
        close();
      }
    });
    // A click outside the form and the panel closes the panel.
    document.addEventListener('mousedown', function (e) {
      if (out.firstChild && !form.contains(e.target) && !out.contains(e.target)) { close(); }
    });
    form.hidden = false;
    if (input.value) { update(); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }

  window.GUIDE_SEARCH_ENGINE = { runs: runs, parse: parse, search: search, withinOne: withinOne };
}());
