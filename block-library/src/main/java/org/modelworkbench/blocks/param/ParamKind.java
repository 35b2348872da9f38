package org.modelworkbench.blocks.param;

/** The value types a hyper-parameter can have. */
public enum ParamKind {
    INT, REAL, BOOL, CHOICE, INT_LIST
}
