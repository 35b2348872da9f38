package org.modelworkbench.projects.files;

import java.util.List;
import java.util.stream.Collectors;

/** A project file could not be read (or written); names the file and every problem found. */
public final class ProjectFileException extends Exception {
    private final String file;
    private final List<FileProblem> problems;

    public ProjectFileException(String file, List<FileProblem> problems) {
        super(format(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public ProjectFileException(String file, String location, String message) {
        this(file, List.of(new FileProblem(location, message)));
    }

    public String file() {
        return file;
    }

    public List<FileProblem> problems() {
        return problems;
    }

    private static String format(String file, List<FileProblem> problems) {
        if (problems.size() == 1) {
            return file + ": " + problems.get(0);
        }
        return file + ": " + problems.size() + " problems:\n" + problems.stream()
                .map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
