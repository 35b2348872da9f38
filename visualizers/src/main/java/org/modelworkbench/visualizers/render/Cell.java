package org.modelworkbench.visualizers.render;

/**
 * A cell of a 2-D map or matrix: {@code row} indexes the first axis (y, top to bottom), {@code col}
 * the second (x, left to right), both 0-based.
 */
public record Cell(int row, int col) {
}
