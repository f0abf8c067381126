/**
 * The two JSON dialects of semhash, each with one owner.
 *
 * <ul>
 *   <li>{@link io.semhash.json.ApiJson}: what people and programs read: the HTTP API's responses
 *       and request bodies, and every command's {@code --json} output. snake_case names, enum
 *       constants in lower case, strict parsing.
 *   <li>{@link io.semhash.json.FileJson}: what semhash writes to disk and reads back (model and
 *       index manifests, JSON Lines corpora). Names as in the records; the formats are versioned
 *       and must not change with the API's style, so old directories keep loading.
 * </ul>
 *
 * <p>Depends on Jackson only; every other package may use it. No other class configures an
 * {@code ObjectMapper} (the YAML configuration reader in {@code io.semhash.config} is the one
 * exception: a different format with its own strictness).
 */
package io.semhash.json;
