package org.modelworkbench.blocks.param;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when hyper-parameter values are invalid; lists every bad parameter, not only the first. */
public final class InvalidParameterException extends Exception {
    private final List<ParamProblem> problems;

    public InvalidParameterException(List<ParamProblem> problems) {
        super(problems.stream().map(ParamProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidParameterException(String param, String message) {
        this(List.of(new ParamProblem(param, message)));
    }

    public List<ParamProblem> problems() {
        return problems;
    }
}
