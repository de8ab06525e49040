package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bundle.ExternalReferenceScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Script and embedded documents no check has seen, and media loaded from the network, are refused
 * by the external-reference scan, in {@code build} as well as in {@code bundle}.
 */
class ActiveContentTest {

    @TempDir
    Path dir;

    private List<String> scan() throws Exception {
        return ExternalReferenceScan.scan(dir).stream().map(p -> dir.relativize(p.file()) + " " + p.reference()).toList();
    }

    @Test
    void scriptUrlsHandlersSrcdocAndDataUrisAreFound() throws Exception {
        Files.writeString(dir.resolve("img.png"), "png");
        Files.writeString(dir.resolve("index.html"), """
            <a href="javascript:alert(1)">x</a>
            <a href="java\tscript:alert(2)">tab</a>
            <a href="data:text/html;base64,PHNjcmlwdD4=">html</a>
            <a href="data:text/plain;base64,QT0x">no download attribute</a>
            <a download="a.env" href="data:text/plain;charset=utf-8;base64,QT0x">download</a>
            <img src="data:image/png;base64,AA" onerror="alert(3)">
            <iframe srcdoc="<script>alert(4)</script>"></iframe>
            <iframe src="data:text/html,hi"></iframe>
            <div style="background-image: image-set('https://cdn.example.com/a.png' 1x, 'img.png' 2x)"></div>
            <style>h1 { background: url(data:image/png;base64,AA); } @font-face { src: url(data:font/woff2;base64,AA); }</style>
            <video src="https://media.example.com/v.mp4"></video>
            <audio><source src="https://media.example.com/a.ogg"></audio>
            """);
        // An SVG is an image to <img>, but a document to a browser that opens it: what it loads and runs counts.
        Files.writeString(dir.resolve("logo.svg"), """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="ping()">
              <image href="data:image/png;base64,AA"/>
              <image xlink:href="https://img.example.com/logo.png"/>
              <script>fetch('https://t.example.com/')</script>
            </svg>
            """);
        assertEquals(List.of(
            "index.html javascript:alert(1)",
            "index.html java\tscript:alert(2)",
            "index.html data:text/html;base64,PHNjcmlwdD4=",
            "index.html data:text/plain;base64,QT0x",
            "index.html onerror=\"alert(3)\"",
            "index.html <iframe srcdoc>",
            "index.html data:text/html,hi",
            "index.html https://cdn.example.com/a.png",
            "index.html https://media.example.com/v.mp4",
            "index.html https://media.example.com/a.ogg",
            "logo.svg onload=\"ping()\"",
            "logo.svg https://img.example.com/logo.png",
            "logo.svg fetch("), scan());
    }

    @Test
    void buildRefusesRemoteMediaAndScriptAtTheSourceLine() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("content/index.adoc", """
            = Home
            :jbake-type: page
            :jbake-status: published

            [#home-a]
            == A

            video::https://media.example.com/demo.mp4[]

            audio::https://media.example.com/demo.ogg[]

            ++++
            <a href="javascript:alert(1)" onclick="steal()">click</a>
            ++++

            image::images/logo.svg[Logo]
            """).write("content/images/logo.svg", """
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
              <image href="https://img.example.com/logo.png" width="10" height="10"/>
            </svg>
            """);
        GuideFixture.Run run = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fixture.run("build", "--quiet", "--no-checks"));
        assertEquals(1, run.exitCode(), run.all());
        for (String expected : List.of(
                "content/index.adoc:8: [offline] 'https://media.example.com/demo.mp4' is loaded from outside the guide",
                "content/index.adoc:10: [offline] 'https://media.example.com/demo.ogg' is loaded from outside the guide",
                "content/index.adoc:13: [offline] 'onclick=\"steal()\"' is an inline event handler",
                "content/index.adoc:13: [offline] 'javascript:alert(1)' is a script URL",
                "content/images/logo.svg:2: [offline] 'https://img.example.com/logo.png' is loaded from outside the guide")) {
            assertTrue(run.err().lines().anyMatch(l -> l.startsWith(expected)), "expected '" + expected + "' in:\n" + run.all());
        }
        assertFalse(Files.exists(dir.resolve("target/site")), "nothing is published");
    }
}
