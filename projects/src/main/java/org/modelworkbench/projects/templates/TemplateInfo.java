package org.modelworkbench.projects.templates;

/** A shipped template: its short id (file name without .json), display name and description. */
public record TemplateInfo(String id, String name, String description) {
}
