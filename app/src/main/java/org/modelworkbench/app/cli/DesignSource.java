package org.modelworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/** Resolves a command-line argument that names a project file or a shipped template. */
public final class DesignSource {
    private DesignSource() {
    }

    /** The project file the argument names, when it names an existing file rather than a template. */
    public static java.util.Optional<Path> file(String fileOrTemplate) {
        Path path = Path.of(fileOrTemplate);
        return Files.isRegularFile(path) ? java.util.Optional.of(path.toAbsolutePath()) : java.util.Optional.empty();
    }

    /**
     * The design, or null after printing the reason as one {@code error:} line on {@code err} (the
     * commands then exit with 1).
     */
    static Design loadOrSay(String fileOrTemplate, java.io.PrintWriter err) {
        try {
            return load(fileOrTemplate);
        } catch (ProjectFileException e) {
            err.println("error: " + org.modelworkbench.app.format.TerminalText.safe(e.getMessage()));
            return null;
        }
    }

    public static Design load(String fileOrTemplate) throws ProjectFileException {
        Path path = Path.of(fileOrTemplate);
        if (Files.exists(path)) {
            return ProjectFiles.read(path);
        }
        var template = Templates.find(fileOrTemplate);
        if (template.isPresent()) {
            return Templates.load(template.get().id());
        }
        if (fileOrTemplate.endsWith(".json") || fileOrTemplate.contains("/")) {
            return ProjectFiles.read(path); // reports "no such file" with the path
        }
        throw new ProjectFileException(fileOrTemplate, "/", "is neither a file nor a template; templates: "
                + Templates.list().stream().map(TemplateInfo::id).collect(Collectors.joining(", ")));
    }
}
