/**
 * The renderer: runs the pipeline's contracts (fetch, write, speak, master, encode) for one podcast and steers its
 * length. Depends on {@code pipeline}, {@code audio} and {@code speech}; nothing in those depends on it.
 */
package dev.podloom.render;
