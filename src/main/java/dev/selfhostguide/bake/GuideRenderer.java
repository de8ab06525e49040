package dev.selfhostguide.bake;

import org.jbake.app.ContentStore;
import org.jbake.app.Renderer;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.model.DocumentModel;
import org.jbake.template.ModelExtractors;

/**
 * JBake's renderer, making {@code guide_nav} available to templates. The Oven resets the model
 * extractors at the start of every bake, so ours is registered when rendering starts.
 */
final class GuideRenderer extends Renderer {

    private final TemplateData nav;

    GuideRenderer(ContentStore store, JBakeConfiguration config, TemplateData nav) {
        super(store, config);
        this.nav = nav;
    }

    @Override
    public void render(DocumentModel content) throws Exception {
        ModelExtractors extractors = ModelExtractors.getInstance();
        if (!extractors.containsKey(TemplateData.KEY)) {
            extractors.registerEngine(TemplateData.KEY, nav);
        }
        super.render(content);
    }
}
