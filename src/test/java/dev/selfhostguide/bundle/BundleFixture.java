package dev.selfhostguide.bundle;

import dev.selfhostguide.GuideFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link GuideFixture} with a page template that honours the page contract the real templates
 * follow (data-root, the search form and results, the scripts before &lt;/body&gt;), the real
 * search.js of this repository, an image, and pages with config identifiers, an upstream link, a
 * download cross-page links and a Korean page (content/ko): what the bundle, the nginx and the browser tests need.
 */
public final class BundleFixture {

    public static final String PAGE_TEMPLATE = """
        <!DOCTYPE html>
        <html lang="en" data-root="${content.rootpath!""}">
        <head><meta charset="utf-8"><title>${content.title!""}</title>
        <link rel="stylesheet" href="${content.rootpath!""}css/site.css"></head>
        <body>
        <nav class="guide-nav"><ol><#list guide_nav as item><li><a href="${content.rootpath!""}${item.href}">${item.title}</a></li></#list></ol></nav>
        <form class="guide-search" role="search" hidden data-root="${content.rootpath!""}"><label for="guide-search-input">Search</label><input id="guide-search-input" type="search"></form>
        <div id="guide-search-results" aria-live="polite"></div>
        <main><h1>${content.title!""}</h1>
        ${content.body}</main>
        <script src="${content.rootpath!""}search-index.js" defer></script><script src="${content.rootpath!""}js/search.js" defer></script>
        </body></html>
        """;

    /** A 1x1 PNG, so the single page has an image to inline. */
    static final byte[] PIXEL = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private BundleFixture() {
    }

    public static GuideFixture create(Path dir) throws IOException {
        GuideFixture fixture = GuideFixture.create(dir);
        fixture.write("templates/page.ftl", PAGE_TEMPLATE);
        fixture.write("templates/assets/css/site.css", "body { margin: 0; background: url(../images/pixel.png); }\nmark { background: yellow; }\n");
        Files.createDirectories(dir.resolve("templates/assets/images"));
        Files.write(dir.resolve("templates/assets/images/pixel.png"), PIXEL);
        Path searchJs = GuideFixture.repositoryRoot().resolve("templates/assets/js/search.js");
        fixture.write("templates/assets/js/search.js", Files.readString(searchJs, StandardCharsets.UTF_8));
        fixture.write("content/data/nav.yml", """
            chapters:
              - {page: index, title: Home}
              - {page: plan, title: Plan}
              - {page: connect, title: Connect}
            """);
        fixture.write("content/examples/agentops.env", "AGENTOPS_EXPORTER_ENDPOINT=http://collector.internal.example:4318/v1/traces\n");
        fixture.write("content/index.adoc", """
            = Home
            :jbake-type: page
            :jbake-status: published

            [#home-intro]
            == Intro

            The API listens on {api-port}. See xref:plan.adoc#plan-ports[the ports] and the
            https://github.com/AgentOps-AI/agentops[upstream repository].

            image::images/pixel.png[A pixel]
            """);
        fixture.write("content/connect.adoc", """
            = Connect
            :jbake-type: page
            :jbake-status: published

            [#connect-sdk]
            == The SDK

            Set the exporter endpoint before `agentops.init()` runs.

            [#connect-exporter]
            === Exporter endpoint

            `AGENTOPS_EXPORTER_ENDPOINT` points the SDK at the collector on port 4318.
            The pipeline is called `otel_2`. Download link:examples/agentops.env[agentops.env].
            Back to xref:index.adoc#home-intro[the intro].
            """);
        fixture.write("content/ko/index.adoc", """
            = 시작하기
            :jbake-type: page
            :jbake-status: published

            [#home-intro]
            == 소개

            API는 {api-port} 포트에서 요청을 받습니다. 설정을 확인하려면 xref:../plan.adoc#plan-ports[포트 목록]을 보십시오.
            """);
        return fixture;
    }
}
