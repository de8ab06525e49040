package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jbake.app.ContentStore;
import org.jbake.template.ModelExtractor;

/**
 * What templates see as {@code guide_nav}: the chapters in the order of content/data/nav.yml, each
 * with page, title and href. Templates take prev/next from this order instead of asking JBake's
 * store per page. (JBake's FreeMarker adapter wraps what an extractor returns as a sequence.)
 */
final class TemplateData implements ModelExtractor<List<Map<String, Object>>> {

    static final String KEY = "guide_nav";

    private final List<Map<String, Object>> nav;

    TemplateData(Catalog catalog) {
        List<Map<String, Object>> nav = new ArrayList<>();
        for (Catalog.NavEntry entry : catalog.nav()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("page", entry.page());
            item.put("title", entry.title());
            item.put("href", entry.page() + ".html");
            entry.translatedTitles().forEach((language, title) -> item.put("title_" + language, title));
            nav.add(item);
        }
        this.nav = List.copyOf(nav);
    }

    @Override
    public List<Map<String, Object>> get(ContentStore db, Map model, String key) {
        return nav;
    }
}
