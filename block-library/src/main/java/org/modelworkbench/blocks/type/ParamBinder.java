package org.modelworkbench.blocks.type;

import org.modelworkbench.blocks.param.ParamValues;

/**
 * Replaces "auto" parameter values by what they resolve to for these inputs (a padding that
 * follows the kernel, a layout that follows the input). In a shape-only evaluation
 * ({@link Inputs#checked()} false) a layout "auto" takes the value the parameter had before it
 * could follow its input.
 */
@FunctionalInterface
public interface ParamBinder {
    ParamValues bind(Inputs in, ParamValues p) throws ShapeException;

    ParamBinder NONE = (in, p) -> p;
}
