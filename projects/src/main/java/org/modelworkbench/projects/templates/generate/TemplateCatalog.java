package org.modelworkbench.projects.templates.generate;

import java.util.ArrayList;
import java.util.List;

/** Every template source, in the order the gallery lists them. */
final class TemplateCatalog {
    private TemplateCatalog() {
    }

    static List<TemplateSource> all() {
        List<TemplateSource> all = new ArrayList<>();
        all.addAll(ConvNetTemplates.all());
        all.addAll(ModernConvNetTemplates.all());
        all.addAll(HierarchicalTransformerTemplates.all());
        all.addAll(MambaTemplates.all());
        return all;
    }
}
