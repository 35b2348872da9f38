package org.modelworkbench.blocks.param;

/** One invalid hyper-parameter value: which parameter and what is wrong with it. */
public record ParamProblem(String param, String message) {
    @Override
    public String toString() {
        return param + ": " + message;
    }
}
