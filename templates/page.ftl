<#ftl output_format="HTML" strip_whitespace=true>
<#-- The one page template: sticky header with search, chapter navigation, the page, prev/next, and
     the stamp that says which guide version this is and what it was checked against. -->
<#-- Auto-escaping is on (output_format="HTML"): every value from data or configuration is escaped
     where it lands. Only HTML that Asciidoctor wrote (the body and the already-escaped title) is
     printed with ?no_esc. A missing model value must never fail the bake: everything has a default. -->
<#assign root = content.rootpath!"">
<#assign uri = content.uri!"">
<#assign isKo = uri?starts_with("ko/")>
<#assign siteName = isKo?then("AgentOps 자체 호스팅 가이드", "AgentOps self-hosting guide")>
<#assign lang = isKo?then("ko", "en")>
<#-- The page's name without the language folder, to find it in the chapter order. -->
<#assign pageUri = isKo?then(uri?remove_beginning("ko/"), uri)>
<#-- Korean pages link to the Korean edition of each chapter (same page names, parity-checked). -->
<#assign navBase = root + isKo?then("ko/", "")>
<#assign nav = guide_nav![]>
<#assign current = -1>
<#list nav as item>
  <#if (item.href!"") == pageUri><#assign current = item?index></#if>
</#list>
<#assign title = content.title!"">
<#-- Asciidoctor has already escaped the title and description; <title> and <meta> only want the text. -->
<#-- Both keep Asciidoctor's entities, so they are printed as they are (?no_esc) once tags and quotes are gone. -->
<#assign titleText = title?replace("<[^>]+>", "", "r")>
<#assign description = (content.description!"")?replace("<[^>]+>", "", "r")?replace('"', "&quot;")>
<#assign tr = content.translation!"">
<#assign translated = (tr?is_boolean && tr) || (tr?is_string && tr == "true")>
<#-- The stamp's values (version, upstream pins, build date) are filled in when the site is
     finished (dev.selfhostguide.bundle.PageStamp); the template owns the words around them. -->
<#-- Where "edit this page" points: jbake.properties guide.edit.url, the folder URL that holds content/. -->
<#assign editBase = (config.guide_edit_url)!"">
<#assign source = (content.sourceuri)!"">
<#assign t = isKo?then(
  {"skip": "본문으로 건너뛰기", "chapters": "장 목록", "search": "검색", "searchHint": "검색 (/ 또는 Ctrl+K)", "prev": "이전", "next": "다음",
   "pager": "이전 장과 다음 장", "top": "맨 위로", "version": "가이드 버전", "checked": "검증 기준 업스트림 커밋", "built": "빌드",
   "edit": "이 페이지 수정", "stamp": "이 가이드에 대하여"},
  {"skip": "Skip to content", "chapters": "Chapters", "search": "Search", "searchHint": "Search (/ or Ctrl+K)", "prev": "Previous", "next": "Next",
   "pager": "Previous and next chapter", "top": "Back to top", "version": "Guide version", "checked": "checked against upstream", "built": "built",
   "edit": "Edit this page", "stamp": "About this guide"})>
<!DOCTYPE html>
<html lang="${lang}" data-root="${root}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><#if titleText?has_content>${titleText?no_esc} — </#if>${siteName}</title>
<#if description?has_content>
<meta name="description" content="${description?no_esc}">
</#if>
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="${root}css/site.css">
<link rel="stylesheet" href="${root}css/rouge.css">
</head>
<body id="top">
<a class="skip-link" href="#content">${t.skip}</a>
<header class="site-header">
  <a class="site-name" href="${navBase}index.html">${siteName}</a>
  <form class="guide-search" role="search" hidden data-root="${root}"><label for="guide-search-input" class="visually-hidden">${t.search}</label><input id="guide-search-input" type="search" autocomplete="off" spellcheck="false" placeholder="${t.searchHint}" aria-controls="guide-search-results" aria-expanded="false" aria-autocomplete="list"><kbd class="search-key" aria-hidden="true">/</kbd></form>
<#if translated>
  <#if isKo>
  <a class="lang-switch" href="${root}${pageUri}" hreflang="en" lang="en">English</a>
  <#else>
  <a class="lang-switch" href="${root}ko/${uri}" hreflang="ko" lang="ko">한국어</a>
  </#if>
</#if>
  <div id="guide-search-results" aria-live="polite"></div>
</header>
<div class="layout">
<#if nav?has_content>
  <nav class="guide-nav" aria-label="${t.chapters}">
    <details class="guide-nav-toggle">
      <summary><span class="guide-nav-label">${t.chapters}</span><#if (current >= 0)> <span class="guide-nav-current">${(nav[current]["title_" + lang])!nav[current].title!""}</span></#if></summary>
      <ol>
<#list nav as item>
        <li><a href="${navBase}${item.href!""}"<#if item?index == current> aria-current="page"</#if>>${(item["title_" + lang])!item.title!item.page!""}</a></li>
</#list>
      </ol>
    </details>
  </nav>
</#if>
  <main id="content" class="page" tabindex="-1">
<#if title?has_content>
    <h1 class="page-title">${title?no_esc}</h1>
</#if>
    <div class="doc">
<#-- jbake.properties gives one toc-title for every page; Korean pages get theirs in Korean. -->
${isKo?then((content.body!"")?replace('<div id="toctitle">On this page</div>', '<div id="toctitle">이 페이지의 내용</div>'), content.body!"")?no_esc}
    </div>
<#if (current >= 0) && (current > 0 || current < nav?size - 1)>
    <nav class="pager" aria-label="${t.pager}">
  <#if (current > 0)>
    <#assign prev = nav[current - 1]>
      <a class="pager-prev" href="${navBase}${prev.href!""}" rel="prev"><span class="pager-dir">${t.prev}</span> <span class="pager-title">${(prev["title_" + lang])!prev.title!""}</span></a>
  </#if>
  <#if (current < nav?size - 1)>
    <#assign next = nav[current + 1]>
      <a class="pager-next" href="${navBase}${next.href!""}" rel="next"><span class="pager-dir">${t.next}</span> <span class="pager-title">${(next["title_" + lang])!next.title!""}</span></a>
  </#if>
    </nav>
</#if>
    <footer class="page-stamp" aria-label="${t.stamp}">
      <p><span class="stamp-item">${t.version} <span class="stamp-value" data-guide-version>dev</span></span>
      <span class="stamp-item">${t.checked}: <span class="stamp-pins" data-guide-pins>—</span></span>
      <span class="stamp-item">${t.built} <time class="stamp-value" data-guide-built>—</time></span>
<#if editBase?has_content && source?has_content>
      <a class="stamp-edit" href="${editBase?ensure_ends_with("/")}${source}">${t.edit}</a>
</#if>
      </p>
    </footer>
  </main>
</div>
<a class="back-to-top" href="#top">${t.top}</a>
<script src="${root}js/nav.js" defer></script>
<script src="${root}js/toc.js" defer></script>
<script src="${root}js/search.js" defer></script>
<script src="${root}js/copy.js" defer></script>
</body>
</html>
