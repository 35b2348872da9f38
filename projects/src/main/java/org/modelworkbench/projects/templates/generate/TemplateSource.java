package org.modelworkbench.projects.templates.generate;

import java.util.function.Supplier;
import org.modelworkbench.projects.design.Design;

/** The code that builds one shipped template, and the file it is shipped as. */
public record TemplateSource(String fileName, Supplier<Design> build) {
}
