package io.vigil.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks HTTP answers against the OpenAPI 3.1 document the service ships ({@code openapi/vigil.yaml}): the route and
 * method are described, the status is (or a {@code default} covers it), the content type is one the response lists,
 * and a JSON body matches its schema (JSON Schema 2020-12, networknt). {@link RunningVigil} records every answer it
 * receives and checks them when it closes, so every HTTP suite keeps the document true.
 */
public final class OpenApiConformance {
  /** One answer as a client received it. */
  public record Exchange(String method, String path, int status, String contentType, String body) {
    @Override
    public String toString() {
      return method + " " + path + " → " + status + " " + contentType;
    }
  }

  private record Operation(String template, String pointer, Map<String, Object> node) {}

  private static final String DOCUMENT = "openapi/vigil.yaml";
  private static final Map<String, Object> DOC = load();
  private static final List<Route> ROUTES = routes();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private record Route(String template, Pattern pattern, int variables) {}

  private OpenApiConformance() {}

  /** Whether the document describes answers at this path at all (the API, health and metrics; not the web pages). */
  public static boolean covers(String path) {
    return path.startsWith("/api/") || path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics");
  }

  /** What is wrong with {@code exchange} according to the document; empty when it conforms. */
  public static List<String> violations(Exchange exchange) {
    List<String> problems = new ArrayList<>();
    String mediaType = exchange.contentType() == null ? ""
        : exchange.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    Optional<Operation> operation = operation(exchange.method(), exchange.path());
    if (operation.isEmpty()) {
      // an unknown route answers a problem document, which the document describes once
      if ((exchange.status() == 404 || exchange.status() == 405) && mediaType.equals("application/problem+json")) {
        validate(exchange, "#/components/schemas/Problem", problems);
      } else {
        problems.add(exchange + ": no operation in " + DOCUMENT + " for this method and path");
      }
      return problems;
    }
    Operation op = operation.get();
    Map<String, Object> responses = map(op.node().get("responses"));
    String status = Integer.toString(exchange.status());
    String responsePointer = op.pointer() + "/responses/" + (responses.containsKey(status) ? status : "default");
    Object response = responses.containsKey(status) ? responses.get(status) : responses.get("default");
    if (response == null) {
      problems.add(exchange + ": status " + status + " is not documented for " + op.template());
      return problems;
    }
    if (map(response).containsKey("$ref")) {
      responsePointer = (String) map(response).get("$ref");
      response = resolve(responsePointer);
    }
    Map<String, Object> content = map(map(response).get("content"));
    if (!content.containsKey(mediaType)) {
      problems.add(exchange + ": content type " + mediaType + " is not documented (documented: " + content.keySet() + ")");
      return problems;
    }
    if (mediaType.endsWith("json")) {
      validate(exchange, responsePointer + "/content/" + escape(mediaType) + "/schema", problems);
    }
    return problems;
  }

  private static void validate(Exchange exchange, String pointer, List<String> problems) {
    Schema schema = SCHEMAS.computeIfAbsent(pointer,
        p -> REGISTRY.getSchema(SchemaLocation.of("classpath:" + DOCUMENT + p)));
    schema.validate(exchange.body() == null || exchange.body().isEmpty() ? "null" : exchange.body(), InputFormat.JSON)
        .forEach(error -> problems.add(exchange + ": " + error.getInstanceLocation() + " " + error.getMessage()
            + " (schema " + pointer + ")"));
  }

  private static Optional<Operation> operation(String method, String path) {
    String verb = method.toLowerCase(Locale.ROOT);
    return ROUTES.stream()
        .filter(route -> route.pattern().matcher(path).matches())
        .filter(route -> map(map(DOC.get("paths")).get(route.template())).containsKey(verb))
        .min(Comparator.comparingInt(Route::variables))
        .map(route -> new Operation(route.template(), "#/paths/" + escape(route.template()) + "/" + verb,
            map(map(map(DOC.get("paths")).get(route.template())).get(verb))));
  }

  private static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (String template : map(DOC.get("paths")).keySet()) {
      String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      routes.add(new Route(template, Pattern.compile(regex), template.split("\\{", -1).length - 1));
    }
    return routes;
  }

  /** A JSON pointer segment. */
  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static Object resolve(String ref) {
    Object node = DOC;
    for (String part : ref.substring(2).split("/")) node = map(node).get(part.replace("~1", "/").replace("~0", "~"));
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Map<String, Object> load() {
    try (InputStream in = OpenApiConformance.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) throw new IllegalStateException(DOCUMENT + " is not on the classpath");
      return new Yaml(new LoaderOptions()).load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
