package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import org.jbake.app.FileUtil;
import org.jbake.app.configuration.DefaultJBakeConfiguration;
import org.jbake.model.DocumentModel;
import org.jbake.model.DocumentTypes;
import org.jbake.template.DelegatingTemplateEngine;
import org.jbake.template.ModelExtractors;
import org.jbake.template.model.TemplateModel;

/**
 * Renders one converted page into the site the way the Oven does in a full bake: JBake's parser
 * runs our markup engine on the page (which hands it the conversion), the model gets the fields
 * JBake 2.7.0's Crawler adds, and JBake's template engine renders it with the same
 * {@code guide_nav}. Page templates read {@code content.*} and {@code guide_nav} only; the store
 * is there for JBake's API and never opened, so a template that queries it fails here, and the
 * caller bakes the whole site instead.
 */
public final class PageRenderer {

    private final Project project;
    private final DefaultJBakeConfiguration config;
    private final Catalog catalog;
    private final GuideMarkupEngine engine;
    private final DelegatingTemplateEngine templates;
    private final ThreadLocal<ConvertedPage> current = new ThreadLocal<>();

    PageRenderer(Project project, DefaultJBakeConfiguration config, Catalog catalog, PageConverter converter,
                 Diagnostics diagnostics) {
        this.project = project;
        this.config = config;
        this.catalog = catalog;
        this.engine = new GuideMarkupEngine(converter, diagnostics, page -> { }, page -> current.get());
        this.templates = new DelegatingTemplateEngine(
            new MemoizingContentStore(config.getDatabaseStore(), config.getDatabasePath()), config);
    }

    /** The page's HTML as the full bake writes it, or {@code null} for a file that is no document JBake renders. */
    public synchronized String render(ConvertedPage page) throws Exception {
        current.set(page);
        DocumentModel model;
        try {
            model = engine.parse(config, page.source().toFile());
        } finally {
            current.remove();
        }
        if (model == null || !DocumentTypes.contains(model.getType())) {
            return null;
        }
        String uri = uri(page.source());
        complete(model, page.source(), uri);
        TemplateModel templateModel = new TemplateModel();
        templateModel.setContent(model);
        templateModel.setRenderer(templates);
        StringWriter out = new StringWriter();
        synchronized (Bake.JBAKE_REGISTRIES) {
            ModelExtractors.getInstance().registerEngine(TemplateData.KEY, new TemplateData(catalog));
            templates.renderDocument(templateModel, config.getTemplateFileByDocType(model.getType()).getName(), out);
        }
        return out.toString();
    }

    /** Renders {@code page} and writes it into the site, so readers see the old file or the new one. */
    public boolean write(Path site, ConvertedPage page) throws Exception {
        String html = render(page);
        if (html == null) {
            return false;
        }
        writeAtomically(site.resolve(uri(page.source())), html.getBytes(Charset.forName(config.getRenderEncoding())));
        return true;
    }

    /** The fields JBake's Crawler adds to a parsed document before storing it (2.7.0). */
    private void complete(DocumentModel model, Path page, String uri) throws Exception {
        File file = page.toFile();
        model.setRootPath(FileUtil.getUriPathToContentRoot(config, file));
        model.setSha1(FileUtil.sha1(file));
        model.setRendered(false);
        model.setFile(file.getPath());
        model.setSourceUri(uri);
        model.setUri(uri);
        model.setCached(true);
        if ("published-date".equals(model.getStatus()) && model.getDate() != null && new Date().after(model.getDate())) {
            model.setStatus("published");
        }
        if (config.getUriWithoutExtension()) {
            model.setNoExtensionUri(uri.replace("/index.html", "/"));
        }
        if (config.getImgPathUpdate()) {
            org.jbake.util.HtmlUtil.fixImageSourceUrls(model, config);
        }
    }

    /** The page's path in the site, as JBake's Crawler builds it. */
    public String uri(Path page) {
        String relative = project.content().relativize(page).toString().replace(File.separatorChar, '/');
        int slash = relative.lastIndexOf('/');
        String dir = slash < 0 ? "" : relative.substring(0, slash + 1);
        String name = relative.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String base = URLEncoder.encode(dot > 0 ? name.substring(0, dot) : name, StandardCharsets.UTF_8);
        String prefix = config.getPrefixForUriWithoutExtension();
        if (config.getUriWithoutExtension() && prefix != null && !prefix.isEmpty() && ("/" + relative).startsWith(prefix)) {
            return dir + base + "/index" + config.getOutputExtension();
        }
        return dir + base + config.getOutputExtension();
    }

    /** Readers of the site see the old file or the new one, never half of one. */
    public static void writeAtomically(Path to, byte[] bytes) throws IOException {
        Files.createDirectories(to.getParent());
        Path temp = Files.createTempFile(to.getParent(), ".guide-", ".tmp");
        try {
            Files.write(temp, bytes);
            SiteOutput.makeReadable(temp);    // createTempFile made it 0600
            try {
                Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
