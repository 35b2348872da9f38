package org.modelworkbench.projects.files;

/** One problem in a project file: where (a JSON path such as /nodes/3/params/kernel, or line:column) and what. */
public record FileProblem(String location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
