/**
 * The HTTP layer on Javalin: routes, parameter and body checks with their limits, the JSON
 * shapes, errors (4xx with a message, never a stack trace), bearer-token writes, metrics, the
 * OpenAPI document, and the static web UI.
 *
 * <p>May use: {@code search} (and the records it returns from {@code backend} and
 * {@code explain}), {@code config}, {@code corpus}, {@code json}. Must not use: models, training,
 * indexes or the store directly.
 */
package io.semhash.server;
