package io.semhash.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.semhash.backend.BackendRejectedException;
import io.semhash.backend.BackendUnavailableException;
import io.semhash.config.SemhashConfig;
import io.semhash.json.ApiJson;
import io.semhash.search.InvalidRequestException;
import io.semhash.search.ModelUnavailableException;
import io.semhash.search.Rerank;
import io.semhash.search.SearchRequest;
import io.semhash.search.SearchService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API over a {@link SearchService}, the browser UI from {@code web/}
 * (packaged on the classpath under {@code /web}), Prometheus metrics and the OpenAPI document.
 *
 * <p>Every error is JSON {@code {"error", "message"}} with a fitting status, never a stack trace:
 * 400 bad parameters or malformed JSON, 403 writes refused, 404 unknown id or route, 409 a model
 * is needed, 413 body over the limit, 415 not JSON, 503 the backend (a SolrCloud) unreachable, with
 * the reason; the backend's own 4xx keeps its status and message; anything unexpected is logged and answered
 * 500 without details. Every response carries the {@link SecurityHeaders}; no CORS headers are
 * ever sent, so browsers keep other origins out.
 */
public final class SemhashServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SemhashServer.class);
  private static final String ERROR_WRITTEN = "semhash.errorWritten";

  /** A registered route, as Javalin reports it ({@code {id}} style path parameters). */
  public record Route(String method, String path) {}

  private final Javalin app;
  private final ServerMetrics metrics;
  private final List<Route> routes;

  private SemhashServer(Javalin app, ServerMetrics metrics, List<Route> routes) {
    this.app = app;
    this.metrics = metrics;
    this.routes = routes;
  }

  /**
   * Starts a server for {@code service} on {@code settings.host():settings.port()} (port 0 picks
   * a free port). Write endpoints use {@code settings.token()}; see {@link #token} for the
   * environment fallback. Closing the server does not close the service.
   */
  public static SemhashServer start(SearchService service, SemhashConfig.Server settings) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(settings, "settings"); // its ranges are checked where it was made
    ObjectMapper json = ApiJson.mapper();
    ServerMetrics metrics = new ServerMetrics();
    List<Route> routes = Collections.synchronizedList(new ArrayList<>());
    Javalin app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.startupWatcherEnabled = false;
      cfg.jsonMapper(new JavalinJackson(json, false));
      cfg.registerPlugin(metrics.plugin());
      cfg.http.maxRequestSize = settings.maxBodyBytes();
      cfg.http.prefer405over404 = true;
      cfg.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/web";
        sf.location = Location.CLASSPATH;
      });
      cfg.jetty.threadPool = threadPool(settings.threads());
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
      cfg.jetty.addConnector((server, httpConfig) -> {
        ServerConnector connector = new ServerConnector(server, new EscapingPathsNotFound(httpConfig));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        return connector;
      });
      cfg.events(events -> events.handlerAdded(meta -> {
        HandlerType type = meta.getHttpMethod();
        if (type.isHttpMethod()) {
          routes.add(new Route(type.name(), meta.getPath()));
        }
      }));
      cfg.requestLogger.http((ctx, ms) -> metrics.record(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms));
    });
    new Api(service, settings, json, metrics).register(app);
    registerErrors(app);
    try {
      app.start();
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    LOG.info("semhash listening on http://{}:{}/", settings.host(), app.port());
    return new SemhashServer(app, metrics, List.copyOf(routes));
  }

  /**
   * Jetty's pool of at most {@code threads} threads, all kept once started (Javalin's default
   * keeps 8 and grows to 250). Requests beyond what the threads serve wait in the pool's queue,
   * first come first served, instead of all running at once.
   */
  private static QueuedThreadPool threadPool(int threads) {
    QueuedThreadPool pool = new QueuedThreadPool(threads, threads, 60_000);
    pool.setName("semhash-http");
    return pool;
  }

  /** The write token: {@code settings.token()}, else the environment's SEMHASH_TOKEN, else none. */
  public static String token(SemhashConfig.Server settings, Map<String, String> environment) {
    if (settings.token() != null && !settings.token().isBlank()) {
      return settings.token();
    }
    String fromEnv = environment.get("SEMHASH_TOKEN");
    return fromEnv == null ? "" : fromEnv;
  }

  /** The port the server listens on (the real one when started with port 0). */
  public int port() {
    return app.port();
  }

  /** Every registered HTTP route. */
  public List<Route> routes() {
    return routes;
  }

  /** Stops the server; the service stays open. */
  @Override
  public void close() {
    app.stop();
    metrics.close();
  }

  private static void registerErrors(Javalin app) {
    app.exception(ApiException.class, (e, ctx) -> writeError(ctx, e.status(), e.body()));
    app.exception(ModelUnavailableException.class, (e, ctx) -> writeError(ctx, 409, new ApiError("no_model", e.getMessage())));
    app.exception(InvalidRequestException.class, (e, ctx) -> writeError(ctx, 400, new ApiError("bad_request", e.getMessage())));
    app.exception(BackendRejectedException.class, (e, ctx) -> writeError(ctx, e.status(), new ApiError("bad_request", e.getMessage())));
    app.exception(BackendUnavailableException.class, (e, ctx) -> {
      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      writeError(ctx, 503, new ApiError("backend_unavailable", e.getMessage()));
    });
    app.exception(HttpResponseException.class, (e, ctx) -> writeError(ctx, e.getStatus(), fromJavalin(e.getStatus())));
    // a read-only backend (a sharded index directory) refuses writes
    app.exception(UnsupportedOperationException.class,
        (e, ctx) -> writeError(ctx, 405, new ApiError("read_only", e.getMessage())));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      writeError(ctx, 500, new ApiError("internal_error", "internal error; see the server log"));
    });
    app.error(404, ctx -> {
      if (ctx.attribute(ERROR_WRITTEN) == null) {
        writeError(ctx, 404, new ApiError("not_found", "no such route or file"));
      }
    });
    app.error(405, ctx -> {
      if (ctx.attribute(ERROR_WRITTEN) == null) {
        writeError(ctx, 405, new ApiError("method_not_allowed", "method " + ctx.method() + " is not allowed here"));
      }
    });
  }

  private static ApiError fromJavalin(int status) {
    return switch (status) {
      case 400 -> new ApiError("bad_request", "bad request");
      case 404 -> new ApiError("not_found", "not found");
      case 405 -> new ApiError("method_not_allowed", "this method is not allowed here");
      case 413 -> new ApiError("payload_too_large", "the request body is too large");
      case 415 -> new ApiError("unsupported_media_type", "unsupported content type");
      default -> new ApiError(status >= 500 ? "internal_error" : "http_" + status, "request failed with status " + status);
    };
  }

  private static void writeError(Context ctx, int status, ApiError error) {
    ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
    ctx.status(status).json(error);
  }

  private static String routeOf(Context ctx) {
    String path;
    try {
      path = ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      path = null;
    }
    if (path == null || path.isEmpty() || path.equals("*")) {
      int status = ctx.statusCode();
      return status == 404 || status == 405 ? "unmatched" : "static";
    }
    return path;
  }

  /** The routes themselves. */
  private static final class Api {
    private final SearchService service;
    private final SemhashConfig.Server settings;
    private final BearerToken token;
    private final JsonBody body;
    private final ServerMetrics metrics;
    private final SearchSlots slots;
    private final ObjectMapper json;
    private final Map<String, Object> openApi;
    /** What a search without {@code rerank} gets: {@code server.rerank} where the model suits it. */
    private final Rerank defaultRerank;
    private final long startNanos = System.nanoTime();

    Api(SearchService service, SemhashConfig.Server settings, ObjectMapper json, ServerMetrics metrics) {
      this.service = service;
      this.settings = settings;
      this.token = BearerToken.of(settings.token());
      this.body = new JsonBody(json, settings.maxBodyBytes());
      this.metrics = metrics;
      this.slots = new SearchSlots(settings.searchSlots());
      this.json = json;
      this.defaultRerank = service.rerankOr(Rerank.parse(settings.rerank()));
      String version = SemhashServer.class.getPackage().getImplementationVersion();
      this.openApi = OpenApiDocument.build(settings.maxK(), settings.maxBodyBytes(), defaultRerank,
          version == null ? "dev" : version);
    }

    void register(Javalin app) {
      app.before(ctx -> {
        SecurityHeaders.apply(ctx::header);
        if (ctx.path().startsWith("/api/")) {
          ctx.header("Cache-Control", "no-store");
        }
      });
      app.get("/api/search", ctx -> {
        SearchRequest request = SearchParameters.search(ctx, settings.maxK(), defaultRerank);
        writeJson(ctx, slots.run(() -> service.search(request)));
      });
      // ids may contain '/' (20 Newsgroups ids are label/number): <id> matches across segments;
      // the longer route is registered first so ".../similar" is not taken for part of an id
      app.get("/api/docs/<id>/similar", this::similar);
      app.get("/api/docs/<a>/explain/<b>", this::explainPair);
      app.get("/api/docs/<id>", this::document);
      app.delete("/api/docs/<id>", this::delete);
      app.post("/api/docs", this::add);
      app.post("/api/encode", ctx -> ctx.json(service.encode(body.text(ctx))));
      app.get("/api/stats", ctx -> ctx.json(service.stats().withDefaultRerank(defaultRerank)));
      app.get("/api/explain", this::explain);
      app.get("/api/bits", ctx -> ctx.json(service.bits(ExplainParameters.top(ctx))));
      app.get("/api/health", this::health);
      app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
      app.get("/openapi.json", ctx -> ctx.json(openApi));
    }

    private void document(Context ctx) {
      String id = ctx.pathParam("id");
      ctx.json(service.document(id).orElseThrow(() -> unknown(id)));
    }

    private void similar(Context ctx) throws IOException {
      String id = ctx.pathParam("id");
      int k = SearchParameters.k(ctx, settings.maxK());
      writeJson(ctx, slots.run(() -> service.similar(id, k)).orElseThrow(() -> unknown(id)));
    }

    /**
     * Writes {@code value} as JSON straight into the response, the bytes {@code ctx.json} would
     * send, without the String, the byte array and the new 8 KB copy buffer it makes per response
     * (about a tenth of what a search allocates): less allocation, fewer young collections, each
     * a pause for every request in flight.
     */
    private void writeJson(Context ctx, Object value) throws IOException {
      ctx.contentType(ContentType.APPLICATION_JSON);
      json.writeValue(ctx.outputStream(), value);
    }

    private void explain(Context ctx) {
      String q = ExplainParameters.query(ctx);
      String id = ExplainParameters.id(ctx);
      ctx.json(service.explain(q, id).orElseThrow(() -> unknown(id)));
    }

    private void explainPair(Context ctx) {
      String a = ctx.pathParam("a");
      String b = ctx.pathParam("b");
      ctx.json(service.explainPair(a, b)
          .orElseThrow(() -> unknown(service.document(a).isEmpty() ? a : b)));
    }

    private void add(Context ctx) {
      token.check(ctx.header("Authorization"));
      ctx.status(201).json(service.add(body.documents(ctx)));
    }

    private void delete(Context ctx) {
      token.check(ctx.header("Authorization"));
      String id = ctx.pathParam("id");
      if (!service.delete(id)) {
        throw unknown(id);
      }
      ctx.json(Map.of("deleted", id));
    }

    private void health(Context ctx) {
      Map<String, Object> health = new LinkedHashMap<>();
      health.put("status", "ok");
      health.put("default_mode", service.defaultMode());
      health.put("default_rerank", defaultRerank);
      health.put("writes_enabled", token.writesEnabled());
      health.put("uptime_seconds", (System.nanoTime() - startNanos) / 1e9);
      ctx.json(health);
    }

    private static ApiException unknown(String id) {
      String shown = id.length() > 200 ? id.substring(0, 200) + "…" : id;
      return ApiException.notFound("no document with id '" + shown + "'");
    }
  }
}
