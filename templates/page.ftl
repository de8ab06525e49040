<#-- The one page template: header with search, chapter navigation, the page, prev/next. -->
<#-- Everything degrades to defaults: a missing model value must never fail the bake. -->
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
<#-- Asciidoctor has already escaped the title and description; <title> only wants the text. -->
<#assign titleText = title?replace("<[^>]+>", "", "r")>
<#assign tr = content.translation!"">
<#assign translated = (tr?is_boolean && tr) || (tr?is_string && tr == "true")>
<#assign t = isKo?then(
  {"skip": "본문으로 건너뛰기", "chapters": "장 목록", "search": "검색", "prev": "이전", "next": "다음", "pager": "이전 장과 다음 장"},
  {"skip": "Skip to content", "chapters": "Chapters", "search": "Search", "prev": "Previous", "next": "Next", "pager": "Previous and next chapter"})>
<!DOCTYPE html>
<html lang="${lang}" data-root="${root}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><#if titleText?has_content>${titleText} — </#if>${siteName}</title>
<#if (content.description!"")?has_content>
<meta name="description" content="${content.description?replace("<[^>]+>", "", "r")?replace('"', "&quot;")}">
</#if>
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="${root}css/site.css">
<link rel="stylesheet" href="${root}css/rouge.css">
</head>
<body>
<a class="skip-link" href="#content">${t.skip}</a>
<header class="site-header">
  <a class="site-name" href="${navBase}index.html">${siteName}</a>
  <form class="guide-search" role="search" hidden data-root="${root}"><label for="guide-search-input">${t.search}</label><input id="guide-search-input" type="search" autocomplete="off"></form>
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
    <h1 class="page-title">${title}</h1>
</#if>
    <div class="doc">
${content.body!""}
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
  </main>
</div>
<script src="${root}js/nav.js" defer></script>
<script src="${root}search-index.js" defer></script>
<script src="${root}js/search.js" defer></script>
<script src="${root}js/copy.js" defer></script>
</body>
</html>
