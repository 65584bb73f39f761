package io.vigil.testing;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, for requests no well-behaved client would send: malformed
 * percent-escapes, bodies on GET, junk request lines. The bytes go out exactly as given. An answer that does not come
 * within the timeout fails the test ({@link Unanswered}); so does a connection closed without a status line.
 */
public final class RawHttp {
  private final int port;
  private final Duration timeout;

  public RawHttp(int port, Duration timeout) {
    this.port = port;
    this.timeout = timeout;
  }

  /** The service did not answer: no status line within the timeout, or the connection closed without one. */
  public static final class Unanswered extends AssertionError {
    Unanswered(String message) {
      super(message);
    }
  }

  /** A parsed answer; header names are lower-case. A live stream ({@code text/event-stream}) has only its head. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonObject json() {
      return new JsonObject(body);
    }

    @Override
    public String toString() {
      return status + " " + header("content-type") + " " + body;
    }
  }

  /** {@code method target} with the given headers and body, {@code Connection: close} added. */
  public Answer send(String method, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) bytes.writeBytes(body);
    return exchange(bytes.toByteArray(), method + " " + target);
  }

  /** Sends {@code request} as it is (it may be anything) and reads one answer. */
  public Answer exchange(byte[] request, String what) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request); // no half-close after it: a server may take a closed input as the client gone
        out.flush();
      } catch (IOException refusedMidBody) {
        // the server may answer (413, 400) and close before it has read everything: the answer is still there
      }
      return read(socket.getInputStream(), what);
    } catch (SocketTimeoutException e) {
      throw new Unanswered("no answer within " + timeout.toMillis() + " ms to " + what);
    } catch (IOException e) {
      throw new Unanswered("connection failed without an answer to " + what + ": " + e);
    }
  }

  private static Answer read(InputStream in, String what) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || !statusLine.matches("HTTP/\\d\\.\\d \\d{3}.*")) {
      throw new Unanswered("closed without a status line (got " + statusLine + ") for " + what);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = line(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    String type = headers.getOrDefault("content-type", "");
    if (type.startsWith("text/event-stream")) return new Answer(status, headers, "");
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      String size;
      while ((size = line(in)) != null && !size.isEmpty()) {
        int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
        if (n == 0) break;
        all.writeBytes(in.readNBytes(n));
        line(in);
      }
      body = all.toByteArray();
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** One CRLF-terminated line without its terminator; null at end of stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') break;
      if (b != '\r') line.write(b);
    }
    if (b < 0 && line.size() == 0) return null;
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
