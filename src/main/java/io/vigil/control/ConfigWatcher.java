package io.vigil.control;

import io.vertx.core.Future;
import io.vertx.core.file.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells when the configuration file's content changed. Each {@link #look()} reads the file through the Vert.x file
 * system (asynchronously; reading by path follows symlinks, so a Kubernetes ConfigMap's symlink swap and an
 * editor's or config-management tool's replace-by-rename are seen exactly like an edit in place) and compares the
 * content with what was last acted on. Content, not modification times: a same-second edit or a rename that keeps
 * the old mtime still counts, and touching the file without changing it does not. A change counts once two looks
 * in a row read the same new content, so a file caught half-written is not reported as broken. A file that cannot
 * be read is logged once until it can be read again; the running configuration stays meanwhile.
 *
 * <p>Why not vertx-config's {@code ConfigRetriever} with a scan period: it hands over a merged JSON object, while
 * Vigil's loader must see the user's layer as text to lay it over the bundled defaults with its own rules (entry
 * defaults, unknown keys named with the closest key); a file that fails to parse is logged by it at ERROR with a
 * stack trace on every scan; and its scan cannot be driven by a test. This class is the part of it Vigil needs.
 */
final class ConfigWatcher {
  /** A configuration file larger than this is refused rather than read on every look. */
  static final int MAX_BYTES = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final FileSystem fs;
  private final String path;
  private String actedOn;
  private String seenOnce;
  private boolean unreadable;

  ConfigWatcher(FileSystem fs, Path file, String actedOn) {
    this.fs = fs;
    this.path = file.toString();
    this.actedOn = actedOn;
  }

  /** One look: the file's new content once two looks agree on it, else empty. Never fails. */
  Future<Optional<String>> look() {
    return read().map(text -> {
      if (unreadable) {
        unreadable = false;
        LOG.info("config file {} can be read again", path);
      }
      if (text.equals(actedOn)) {
        seenOnce = null;
        return Optional.<String>empty();
      }
      if (!text.equals(seenOnce)) {
        seenOnce = text;
        return Optional.<String>empty();
      }
      seenOnce = null;
      actedOn = text;
      return Optional.of(text);
    }).recover(error -> {
      if (!unreadable) {
        unreadable = true;
        LOG.warn("config file {} cannot be read ({}); the running configuration stays", path, error.getMessage());
      }
      return Future.succeededFuture(Optional.empty());
    });
  }

  /** Reads the file now, for a reload on demand. */
  Future<String> read() {
    return fs.readFile(path).compose(buffer -> buffer.length() > MAX_BYTES
        ? Future.failedFuture("larger than " + MAX_BYTES + " bytes")
        : Future.succeededFuture(buffer.toString(StandardCharsets.UTF_8)));
  }

  /** A reload on demand acted on {@code text}: a look that reads it again is no change. */
  void actedOn(String text) {
    actedOn = text;
    seenOnce = null;
  }
}
