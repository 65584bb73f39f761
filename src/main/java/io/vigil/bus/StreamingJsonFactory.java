package io.vigil.bus;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Makes Vert.x encode and decode {@code JsonObject}s with its streaming Jackson codec. Vert.x switches to the
 * databind codec whenever jackson-databind is on the classpath (here only for the JSON log encoder), and databind's
 * map serializer cost about a sixth of a request's CPU in the HTTP benchmark. Vigil maps no POJOs through Vert.x
 * JSON, so it needs nothing databind adds. Found by Vert.x through {@code META-INF/services}.
 */
public final class StreamingJsonFactory implements JsonFactory {
  private static final JsonCodec CODEC = new JacksonCodec();

  @Override
  public JsonCodec codec() {
    return CODEC;
  }

  @Override
  public int order() {
    return 0;
  }
}
