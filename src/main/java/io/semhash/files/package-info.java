/**
 * Writing a directory as one unit: into a temporary sibling, synced, then renamed over the
 * target, so an interrupted write leaves the old directory intact.
 *
 * <p>May use: nothing of the project.
 */
package io.semhash.files;
