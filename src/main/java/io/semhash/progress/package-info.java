/**
 * Progress of long work (documents per second, ETA) drawn on a terminal stream, or kept silent.
 *
 * <p>May use: nothing of the project.
 */
package io.semhash.progress;
