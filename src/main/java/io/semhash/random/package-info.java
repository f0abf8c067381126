/**
 * Seeded random draws shared across packages (normal draws for baselines and synthetic problems),
 * so that one seed gives one sequence of numbers wherever it is used.
 *
 * <p>May use: nothing of the project.
 */
package io.semhash.random;
